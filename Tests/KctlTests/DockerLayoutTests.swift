import Testing

@testable import kctl

/// The docker runtime's pure parts: names, addresses, `docker run` arguments, subnet choice, and the image recipe's
/// parsing of `ldd`, `busybox --list`, `sha256sum` and `docker ps` output.
@Suite struct DockerLayoutTests {
    let layout = DockerLayout(cluster: "demo", stateDirectory: "/home/u/.kctl/clusters/demo", octet: 7)

    @Test func namesAndAddresses() throws {
        #expect(layout.network == "kcluster-demo")
        #expect(layout.subnet == "172.30.7.0/24")
        #expect(layout.gateway == "172.30.7.1")
        #expect(layout.controlPlaneIP == "172.30.7.2")
        #expect(layout.controlPlaneContainer == "kcluster-demo-controlplane")
        #expect(layout.nodeContainer("n3") == "kcluster-demo-n3")
        #expect(try layout.nodeIP(index: 1) == "172.30.7.3")
        #expect(try layout.nodeIP(index: 252) == "172.30.7.254")
        #expect(throws: ClusterError.self) { try layout.nodeIP(index: 253) }
        #expect(throws: ClusterError.self) { try layout.nodeIP(index: 0) }
        #expect(layout.ownerFilter == "label=io.kcluster.state-dir=/home/u/.kctl/clusters/demo")
    }

    @Test func takenOctets_coverOverlappingSubnetsOnly() {
        #expect(DockerLayout.takenOctets("172.30.5.0/24 10.0.0.0/8\n172.17.0.0/16 ") == [5])
        #expect(DockerLayout.takenOctets("172.30.4.128/25") == [4])
        #expect(DockerLayout.takenOctets("172.30.0.0/16").count == DockerLayout.octets.count)
        #expect(DockerLayout.takenOctets("172.16.0.0/12").count == DockerLayout.octets.count)
        #expect(DockerLayout.takenOctets("172.30.8.0/23") == [8, 9])
        #expect(DockerLayout.takenOctets("garbage 172.30.1.0 fd00::/64").isEmpty)
    }

    @Test func freeOctet_prefersTheClustersSubnet() {
        #expect(DockerLayout.freeOctet(preferred: 3, taken: [1]) == 3)
        #expect(DockerLayout.freeOctet(preferred: 3, taken: [1, 3]) == 2)
        #expect(DockerLayout.freeOctet(preferred: 0, taken: []) == 1)
        #expect(DockerLayout.freeOctet(preferred: 3, taken: Set(DockerLayout.octets)) == nil)
    }

    @Test func controlPlaneRun_listensOnItsAddress_logsToTheBindMount() {
        let arguments = layout.controlPlaneRunArguments(
            image: "kcluster-node:abc", user: "1000:1000", dataDirectory: "/s/controlplane", logsDirectory: "/s/logs",
            timing: ClusterTiming.defaults)
        let joined = arguments.joined(separator: " ")
        #expect(arguments.prefix(3) == ["run", "--detach", "--init"])
        #expect(joined.contains("--network kcluster-demo --ip 172.30.7.2 --user 1000:1000"))
        #expect(joined.contains("--volume /s/controlplane:/var/lib/kcluster/controlplane"))
        #expect(joined.contains("--volume /s/logs:/var/log/kcluster"))
        #expect(joined.contains("--label io.kcluster.role=controlplane"))
        #expect(joined.contains("--label io.kcluster.state-dir=/home/u/.kctl/clusters/demo"))
        let image = arguments.firstIndex(of: "kcluster-node:abc") ?? arguments.endIndex
        #expect(Array(arguments[image...].dropFirst().prefix(3))
            == ["/bin/sh", "-c", "exec \"$0\" \"$@\" >>/var/log/kcluster/controlplane.log 2>&1"])
        #expect(joined.hasSuffix(
            "controlplane --data-dir /var/lib/kcluster/controlplane --listen-address 172.30.7.2 --port 6443 "
                + "--bootstrap-port 6444 --node-monitor-grace-period 3s --node-leave-timeout 6s"))
    }

    @Test func nodeRun_joinsThroughTheControlPlanesAddress() {
        var node = NodeRecord(name: "n2", index: 2, ip: "172.30.7.4", labels: "disk=ssd", taints: "a=b:NoSchedule")
        let arguments = layout.nodeRunArguments(
            node, image: "img", user: "0:0", dataDirectory: "/s/nodes/n2", logsDirectory: "/s/logs",
            timing: ClusterTiming.defaults, join: (token: "abcdef.0123456789abcdef", caHash: "sha256:ff"))
        let joined = arguments.joined(separator: " ")
        #expect(joined.contains("--name kcluster-demo-n2 --hostname n2 --network kcluster-demo --ip 172.30.7.4"))
        #expect(joined.contains("--label io.kcluster.node=n2"))
        #expect(joined.contains(">>/var/log/kcluster/n2.log 2>&1"))
        #expect(joined.contains("kubeletd --node-name n2 --data-dir /var/lib/kcluster/node --node-ip 172.30.7.4"))
        #expect(joined.contains(
            "--bootstrap-server 172.30.7.2:6444 --token abcdef.0123456789abcdef --ca-hash sha256:ff"))
        #expect(joined.hasSuffix("--node-labels disk=ssd --register-with-taints a=b:NoSchedule"))

        node.labels = ""
        node.taints = ""
        let rejoin = layout.nodeRunArguments(
            node, image: "img", user: "0:0", dataDirectory: "/d", logsDirectory: "/l", timing: .defaults, join: nil)
        #expect(!rejoin.contains("--bootstrap-server") && !rejoin.contains("--node-labels"))
        #expect(layout.connectArguments("n2", ip: "172.30.7.4")
            == ["network", "connect", "--ip", "172.30.7.4", "kcluster-demo", "kcluster-demo-n2"])
    }

    @Test func psOutput_parsesRows() {
        let rows = DockerLayout.containers(
            fromPSOutput: "kcluster-demo-n1\tpaused\tnode\nkcluster-demo-controlplane\trunning\tcontrolplane\nbad line\n")
        #expect(rows == [
            DockerContainerRow(name: "kcluster-demo-n1", state: "paused", role: "node"),
            DockerContainerRow(name: "kcluster-demo-controlplane", state: "running", role: "controlplane"),
        ])
        #expect(rows.allSatisfy { $0.isUp })
        #expect(!DockerContainerRow(name: "x", state: "exited", role: "node").isUp)
    }

    @Test func lddOutput_givesLibrariesAndTheLoader() throws {
        let output = """
            \tlinux-vdso.so.1 (0x00007ffd)
            \tlibswiftCore.so => /opt/swift/usr/lib/swift/linux/libswiftCore.so (0x00007f76ec600000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f76eae1e000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f76ef57f000)
            """
        #expect(try DockerRootfs.libraries(fromLDDOutput: output, binary: "kubeletd") == [
            "/opt/swift/usr/lib/swift/linux/libswiftCore.so", "/lib/x86_64-linux-gnu/libc.so.6",
            "/lib64/ld-linux-x86-64.so.2",
        ])
        #expect(try DockerRootfs.libraries(fromLDDOutput: "\tnot a dynamic executable\n", binary: "busybox").isEmpty)
        #expect(throws: ClusterError.self) {
            try DockerRootfs.libraries(fromLDDOutput: "\tlibmissing.so => not found\n", binary: "kctl")
        }
    }

    @Test func recipeHelpers() {
        #expect(DockerRootfs.applets(fromList: "[\n[[\nsh\nbusybox\n\nls\n") == ["[", "[[", "sh", "ls"])
        let digest = String(repeating: "ab", count: 32)
        #expect(DockerRootfs.digest(fromSHA256SumOutput: "\(digest)  /x/kctl\n") == digest)
        #expect(DockerRootfs.digest(fromSHA256SumOutput: "sha256sum: /x: No such file\n") == nil)
        #expect(DockerRootfs.tag(hash: digest) == "kcluster-node:abababababababababab")
        #expect(DockerRootfs.isContentTag("kcluster-node:abababababababababab"))
        #expect(!DockerRootfs.isContentTag("kcluster-node:latest"))
        #expect(!DockerRootfs.isContentTag("other:abababababababababab"))
        #expect(DockerRootfs.hashInput(digests: ["a", "b"]) != DockerRootfs.hashInput(digests: ["b", "a"]))
    }

    @Test func errorLine_prefersDockersErrorLine() {
        let result = DockerResult(
            status: 1, stdout: "", stderr: "WARNING: something\nError response from daemon: network exists\n")
        #expect(result.errorLine == "Error response from daemon: network exists")
        #expect(DockerResult(status: 3, stdout: "", stderr: "").errorLine == "exit status 3")
    }
}
