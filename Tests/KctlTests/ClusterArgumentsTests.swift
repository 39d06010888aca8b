import Testing

@testable import kctl

@Suite struct ClusterArgumentsTests {
    @Test func clusterName_mustBeADNSLabel() throws {
        try ClusterArguments.validateClusterName("kcluster")
        try ClusterArguments.validateClusterName("t-1")
        for bad in ["", "T1", "a_b", "-a", "a.b", String(repeating: "a", count: 51)] {
            #expect(throws: ClusterError.self, "\(bad)") { try ClusterArguments.validateClusterName(bad) }
        }
        do {
            try ClusterArguments.validateClusterName("Bad")
            Issue.record("accepted Bad")
        } catch {
            #expect(error.description.hasPrefix("invalid cluster name \"Bad\": a lowercase RFC 1123 label"))
        }
    }

    @Test func nodeCount_zeroTo254() throws {
        try ClusterArguments.validateNodeCount(0)
        try ClusterArguments.validateNodeCount(254)
        #expect(throws: ClusterError.invalidArgument("--nodes must be between 0 and 254, got 255")) {
            try ClusterArguments.validateNodeCount(255)
        }
        #expect(throws: ClusterError.self) { try ClusterArguments.validateNodeCount(-1) }
    }

    @Test func timing_durationsAndLeaveNoShorterThanGrace() throws {
        try ClusterArguments.validateTiming(.defaults)
        try ClusterArguments.validateTiming(
            ClusterTiming(
                heartbeatInterval: "200ms", nodeMonitorGracePeriod: "1s", nodeLeaveTimeout: "2s",
                imagePullDelay: "0s"))
        #expect(
            throws: ClusterError.invalidArgument(
                "invalid --heartbeat-interval \"soon\": expected a positive duration such as 500ms, 1s or 2m")
        ) {
            try ClusterArguments.validateTiming(
                ClusterTiming(
                    heartbeatInterval: "soon", nodeMonitorGracePeriod: "1s", nodeLeaveTimeout: "2s",
                    imagePullDelay: "0s"))
        }
        #expect(
            throws: ClusterError.invalidArgument(
                "--node-leave-timeout (1s) must be no shorter than --node-monitor-grace-period (3s)")
        ) {
            try ClusterArguments.validateTiming(
                ClusterTiming(
                    heartbeatInterval: "1s", nodeMonitorGracePeriod: "3s", nodeLeaveTimeout: "1s",
                    imagePullDelay: "0s"))
        }
        #expect(throws: ClusterError.self) {
            try ClusterArguments.validateTiming(
                ClusterTiming(
                    heartbeatInterval: "0s", nodeMonitorGracePeriod: "1s", nodeLeaveTimeout: "1s",
                    imagePullDelay: "0s"))
        }
        #expect(try ClusterArguments.duration("1m30s", flag: "--wait") == .seconds(90))
        #expect(try ClusterArguments.duration("0s", flag: "--wait") == .zero)
    }

    @Test func labelsAndTaints_asKubeletdTakesThem() throws {
        try ClusterArguments.validateLabels("")
        try ClusterArguments.validateLabels("disk=ssd,example.com/zone=a,empty=")
        #expect(throws: ClusterError.invalidArgument("invalid label \"disk\": expected key=value")) {
            try ClusterArguments.validateLabels("disk")
        }
        #expect(throws: ClusterError.self) { try ClusterArguments.validateLabels("disk=bad value") }
        try ClusterArguments.validateTaints("dedicated=gpu:NoSchedule,spot:PreferNoSchedule")
        #expect(
            throws: ClusterError.invalidArgument(
                "invalid taint effect: Never, unsupported taint effect (NoSchedule, PreferNoSchedule, NoExecute)")
        ) {
            try ClusterArguments.validateTaints("a=b:Never")
        }
        #expect(throws: ClusterError.invalidArgument("invalid taint \"a=b\": expected key[=value]:Effect")) {
            try ClusterArguments.validateTaints("a=b")
        }
        #expect(throws: ClusterError.self) { try ClusterArguments.validateTaints("=b:NoSchedule") }
        try ClusterArguments.validateNodeName("gpu-1")
        #expect(throws: ClusterError.self) { try ClusterArguments.validateNodeName("GPU") }
    }
}
