/// Names and loopback addresses of a cluster's nodes. Pure.
///
/// Node `index` of the cluster with subnet `s` is `n<index>` at `127.0.<s>.<index>`: its own loopback address, so
/// faults can target one node. Each cluster gets its own subnet: the lowest from 1 that none of the user's clusters has
/// and nothing on the machine listens in (``LoopbackListeners``).
enum NodeAddressing {
    /// Most nodes one cluster can have (one /24 of loopback addresses).
    static let maxNodes = 254
    /// Subnets clusters can use: `127.0.1.0/24` ... `127.0.254.0/24`.
    static let subnets = 1...254

    /// The default name of node `index`.
    static func name(index: Int) -> String { "n\(index)" }

    /// The address of node `index` in `subnet`.
    static func ip(subnet: Int, index: Int) -> String { "127.0.\(subnet).\(index)" }

    /// The lowest subnet not in `taken`, or `nil` when all are used.
    static func freeSubnet(taken: Set<Int>) -> Int? {
        subnets.first { !taken.contains($0) }
    }

    /// The index and name for a new node: the index after the highest one used, and `name` if given, else
    /// `n<index>` (skipping indexes whose default name a custom-named node already has).
    ///
    /// - Throws: ``ClusterError/nodeAlreadyExists(node:cluster:)`` when `name` is taken,
    ///   ``ClusterError/invalidArgument(_:)`` when the cluster has no address left.
    static func nextNode(in state: ClusterState, name: String? = nil) throws(ClusterError) -> (index: Int, name: String)
    {
        let names = Set(state.nodes.map(\.name))
        if let name, names.contains(name) { throw .nodeAlreadyExists(node: name, cluster: state.name) }
        var index = (state.nodes.map(\.index).max() ?? 0) + 1
        while name == nil, names.contains(Self.name(index: index)) { index += 1 }
        guard index <= maxNodes else {
            throw .invalidArgument("cluster \"\(state.name)\" has no address left: at most \(maxNodes) nodes")
        }
        return (index, name ?? Self.name(index: index))
    }
}
