import Foundation

/// Names, addresses, labels and `docker run` arguments of one docker-runtime cluster. Pure.
///
/// The cluster gets a bridge network of its own, `kcluster-NAME` on `172.30.<octet>.0/24` (gateway `.1`); the
/// control plane is the container `kcluster-NAME-controlplane` at `.2`, node `n<i>` the container `kcluster-NAME-n<i>`
/// at `.<i + 2>`. Every container and the network carry labels naming the cluster and kctl's state directory for
/// it, so leftovers of this cluster can be found and removed without touching anyone else's.
struct DockerLayout: Sendable, Equatable {
    /// The cluster's name.
    let cluster: String
    /// kctl's state directory for the cluster on this host (`~/.kctl/clusters/NAME`).
    let stateDirectory: String
    /// The third octet of the cluster's network.
    let octet: Int

    /// Label: the cluster's name.
    static let clusterLabel = "io.kcluster.cluster"
    /// Label: kctl's state directory for the cluster (what makes a container ours).
    static let stateLabel = "io.kcluster.state-dir"
    /// Label: `controlplane` or `node`.
    static let roleLabel = "io.kcluster.role"
    /// Label: the node's name (node containers).
    static let nodeLabel = "io.kcluster.node"

    /// The API port inside the control plane's container.
    static let apiPort = 6443
    /// The bootstrap (join) port inside the control plane's container.
    static let bootstrapPort = 6444
    /// Third octets networks may use: `172.30.1.0/24` ... `172.30.254.0/24`.
    static let octets = 1...254
    /// The highest node index an address exists for (`.254`).
    static let maxNodeIndex = 252
    /// Where the control plane keeps its data inside its container (bind-mounted from the state directory).
    static let controlPlaneDataDirectory = "/var/lib/kcluster/controlplane"
    /// Where a node keeps its data inside its container (bind-mounted from the state directory).
    static let nodeDataDirectory = "/var/lib/kcluster/node"
    /// Where the daemons' logs go inside the containers (bind-mounted `logs/`).
    static let logDirectory = "/var/log/kcluster"

    /// The network's name.
    var network: String { "kcluster-\(cluster)" }
    /// The network's subnet.
    var subnet: String { "172.30.\(octet).0/24" }
    /// The network's gateway (the host's address on it).
    var gateway: String { "172.30.\(octet).1" }
    /// The control plane's address.
    var controlPlaneIP: String { "172.30.\(octet).2" }
    /// The control plane's container name.
    var controlPlaneContainer: String { "kcluster-\(cluster)-controlplane" }

    /// Node `name`'s container name.
    func nodeContainer(_ name: String) -> String { "kcluster-\(cluster)-\(name)" }

    /// The address of the node with `index`.
    ///
    /// - Throws: ``ClusterError/invalidArgument(_:)`` past ``maxNodeIndex``.
    func nodeIP(index: Int) throws(ClusterError) -> String {
        guard (1...Self.maxNodeIndex).contains(index) else {
            throw .invalidArgument(
                "node index \(index) has no address in \(subnet): a docker cluster has at most \(Self.maxNodeIndex) nodes")
        }
        return "172.30.\(octet).\(index + 2)"
    }

    /// The filter selecting every container and network of this cluster.
    var ownerFilter: String { "label=\(Self.stateLabel)=\(stateDirectory)" }

    /// The labels every object of this cluster carries, with `extra`, as `--label k=v` arguments.
    func labelArguments(_ extra: [(String, String)] = []) -> [String] {
        ([(Self.clusterLabel, cluster), (Self.stateLabel, stateDirectory)] + extra).flatMap {
            ["--label", "\($0.0)=\($0.1)"]
        }
    }

    /// `docker network create ...` for the cluster's network.
    func networkCreateArguments() -> [String] {
        ["network", "create", "--driver", "bridge", "--subnet", subnet, "--gateway", gateway]
            + labelArguments() + [network]
    }

    /// `docker run ...` for the control plane: it listens on its own address (so the serving certificate, the
    /// admin kubeconfig and the address nodes learn at join all name it), with its data directory and the logs
    /// directory bind-mounted from the host.
    func controlPlaneRunArguments(
        image: String, user: String, dataDirectory: String, logsDirectory: String, timing: ClusterTiming
    ) -> [String] {
        let command = [
            "controlplane", "--data-dir", Self.controlPlaneDataDirectory, "--listen-address", controlPlaneIP,
            "--port", String(Self.apiPort), "--bootstrap-port", String(Self.bootstrapPort),
            "--node-monitor-grace-period", timing.nodeMonitorGracePeriod,
            "--node-leave-timeout", timing.nodeLeaveTimeout,
        ]
        return runPrefix(
            name: controlPlaneContainer, hostname: "controlplane", ip: controlPlaneIP, user: user,
            mounts: [(dataDirectory, Self.controlPlaneDataDirectory), (logsDirectory, Self.logDirectory)],
            labels: [(Self.roleLabel, "controlplane")])
            + [image] + Self.logged(command, to: "controlplane.log")
    }

    /// `docker run ...` for a node: kubeletd with the container's address as its InternalIP, joining through the
    /// control plane's bootstrap port when `join` is given (token, CA hash).
    func nodeRunArguments(
        _ node: NodeRecord, image: String, user: String, dataDirectory: String, logsDirectory: String,
        timing: ClusterTiming, join: (token: String, caHash: String)?
    ) -> [String] {
        var command = [
            "kubeletd", "--node-name", node.name, "--data-dir", Self.nodeDataDirectory, "--node-ip", node.ip,
            "--heartbeat-interval", timing.heartbeatInterval, "--image-pull-delay", timing.imagePullDelay,
        ]
        if let join {
            command += [
                "--bootstrap-server", "\(controlPlaneIP):\(Self.bootstrapPort)", "--token", join.token,
                "--ca-hash", join.caHash,
            ]
        }
        if !node.labels.isEmpty { command += ["--node-labels", node.labels] }
        if !node.taints.isEmpty { command += ["--register-with-taints", node.taints] }
        return runPrefix(
            name: nodeContainer(node.name), hostname: node.name, ip: node.ip, user: user,
            mounts: [(dataDirectory, Self.nodeDataDirectory), (logsDirectory, Self.logDirectory)],
            labels: [(Self.roleLabel, "node"), (Self.nodeLabel, node.name)])
            + [image] + Self.logged(command, to: "\(node.name).log")
    }

    /// `docker network connect ...` giving node `name` back its address.
    func connectArguments(_ name: String, ip: String) -> [String] {
        ["network", "connect", "--ip", ip, network, nodeContainer(name)]
    }

    // MARK: - Internals

    /// Detached, with an init process (signal forwarding, zombie reaping), the cluster's network and a fixed
    /// address, the host user's ids (so files in the bind mounts stay the user's), no restart policy.
    private func runPrefix(
        name: String, hostname: String, ip: String, user: String, mounts: [(String, String)],
        labels: [(String, String)]
    ) -> [String] {
        ["run", "--detach", "--init", "--name", name, "--hostname", hostname, "--network", network, "--ip", ip,
         "--user", user, "--env", "HOME=/tmp"]
            + mounts.flatMap { ["--volume", "\($0.0):\($0.1)"] } + labelArguments(labels)
    }

    /// `command` run through the image's shell with its output appended to `file` in ``logDirectory``: the log
    /// lands in the cluster's `logs/` on the host, as in process mode, and survives the container.
    static func logged(_ command: [String], to file: String) -> [String] {
        ["/bin/sh", "-c", "exec \"$0\" \"$@\" >>\(logDirectory)/\(file) 2>&1"] + command
    }

    /// The lowest octet not in `taken` (subnets of existing docker networks), preferring `preferred`.
    static func freeOctet(preferred: Int, taken: Set<Int>) -> Int? {
        if octets.contains(preferred), !taken.contains(preferred) { return preferred }
        return octets.first { !taken.contains($0) }
    }

    /// The `172.30.X.0/...` octets among docker networks' subnets (`docker network inspect` output, one or more
    /// subnets per line), for ``freeOctet(preferred:taken:)``. A wider `172.30.0.0/16` takes them all.
    static func takenOctets(_ subnets: String) -> Set<Int> {
        var taken = Set<Int>()
        for word in subnets.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let parts = word.split(separator: "/")
            guard parts.count == 2, let bits = Int(parts[1]) else { continue }
            let bytes = parts[0].split(separator: ".").compactMap { Int($0) }
            guard bytes.count == 4 else { continue }
            // The range of 172.30.X this subnet covers, if any.
            let address = bytes.reduce(0) { $0 << 8 | $1 }
            let size = bits >= 32 ? 1 : 1 << (32 - bits)
            let start = address & ~(size - 1)
            let end = start + size - 1
            for octet in octets {
                let low = (172 << 24) | (30 << 16) | (octet << 8)
                if low <= end, low + 255 >= start { taken.insert(octet) }
            }
        }
        return taken
    }

    /// The `docker ps --format` template ``containers(fromPSOutput:)`` reads.
    static let psFormat = "{{.Names}}\t{{.State}}\t{{.Label \"\(roleLabel)\"}}"

    /// The containers listed by `docker ps --all --format` ``psFormat``.
    static func containers(fromPSOutput text: String) -> [DockerContainerRow] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            return DockerContainerRow(name: fields[0], state: fields[1], role: fields[2])
        }
    }
}

/// One container of a cluster as `docker ps` lists it.
struct DockerContainerRow: Sendable, Equatable {
    /// Its name.
    var name: String
    /// `running`, `paused`, `exited`, `created`...
    var state: String
    /// `controlplane` or `node`.
    var role: String

    /// Whether its processes exist (running or frozen).
    var isUp: Bool { state == "running" || state == "paused" }
}
