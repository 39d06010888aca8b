import Foundation

/// Which loopback subnets `127.0.S.0/24` something on this machine listens in, from `/proc/net/tcp`: a new cluster
/// must not take a subnet another user's (or another HOME's) cluster uses, or its nodes could not bind their kubelet
/// port on their addresses.
enum LoopbackListeners {
    /// The subnets `S` (1...254) with a TCP listener on some `127.0.S.N`, read from `/proc/net/tcp` (empty where
    /// there is no such file).
    static func subnetsInUse(procNetTCP path: String = "/proc/net/tcp") -> Set<Int> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return subnets(fromProcNetTCP: text)
    }

    /// The subnets in `/proc/net/tcp`'s text: rows in state `0A` (LISTEN) whose local address is `127.0.S.N` with
    /// S in 1...254. Addresses there are the 4 bytes of the IPv4 address in host (little-endian) order, in hex. Pure.
    static func subnets(fromProcNetTCP text: String) -> Set<Int> {
        var found: Set<Int> = []
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 3, fields[3] == "0A",
                let address = fields[1].split(separator: ":").first, address.count == 8,
                let value = UInt32(address, radix: 16)
            else { continue }
            let octets = (0..<4).map { Int((value >> (8 * UInt32($0))) & 0xFF) }
            if octets[0] == 127, octets[1] == 0, NodeAddressing.subnets.contains(octets[2]) {
                found.insert(octets[2])
            }
        }
        return found
    }
}
