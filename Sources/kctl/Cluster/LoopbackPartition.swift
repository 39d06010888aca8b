/// The iptables rules that cut one process-mode node off the network: its traffic leaves from its own loopback
/// address (kubeletd binds to `--node-ip`), so dropping packets from and to that address isolates it while its
/// process keeps running. Pure: it builds the argument lists; ``Firewall`` runs them.
enum LoopbackPartition {
    /// The rules as `(chain, match)`: packets the node sends, and packets sent to it.
    static func rules(nodeIP: String) -> [[String]] {
        [["INPUT", "-s", nodeIP, "-j", "DROP"], ["OUTPUT", "-d", nodeIP, "-j", "DROP"]]
    }

    /// `iptables` arguments inserting the rules (first in their chains). `-w` waits for the xtables lock.
    static func insertCommands(nodeIP: String) -> [[String]] {
        rules(nodeIP: nodeIP).map { ["-w", "-I"] + $0 }
    }

    /// `iptables` arguments deleting the rules.
    static func deleteCommands(nodeIP: String) -> [[String]] {
        rules(nodeIP: nodeIP).map { ["-w", "-D"] + $0 }
    }

    /// `iptables` arguments checking that a rule is in place.
    static func checkCommands(nodeIP: String) -> [[String]] {
        rules(nodeIP: nodeIP).map { ["-w", "-C"] + $0 }
    }

    /// The message when partitions cannot be made here.
    static let unavailableMessage = "partition-node needs iptables (root) in process mode; use --runtime docker"
}
