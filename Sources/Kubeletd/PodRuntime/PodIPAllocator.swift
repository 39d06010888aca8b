/// Hands out pod IPs from the node's IPv4 `podCIDR` (`10.244.1.0/24` → `10.244.1.2` … `10.244.1.254`): the
/// network address, `.1` (the node's bridge/gateway) and the broadcast address are never given out. Pure.
///
/// IPs are handed out lowest first; a released IP can be handed out again.
struct PodIPAllocator: Sendable, Hashable {
    /// Why a CIDR was refused.
    struct InvalidCIDR: Error, Sendable, Hashable, CustomStringConvertible {
        var cidr: String
        var description: String { "invalid pod CIDR \"\(cidr)\" (want an IPv4 prefix such as 10.244.1.0/24)" }
    }

    /// The CIDR as given.
    let podCIDR: String
    private let first: UInt32
    private let last: UInt32
    private var inUse: Set<UInt32> = []

    /// Parses `podCIDR` (an IPv4 prefix of length 8 … 30).
    init(podCIDR: String) throws(InvalidCIDR) {
        let parts = podCIDR.split(separator: "/")
        guard parts.count == 2, let address = Self.parse(String(parts[0])), let length = UInt32(parts[1]),
            (8...30).contains(length)
        else { throw InvalidCIDR(cidr: podCIDR) }
        let mask = ~UInt32(0) << (32 - length)
        let network = address & mask
        self.podCIDR = podCIDR
        self.first = network + 2
        self.last = (network | ~mask) - 1
    }

    /// How many IPs the range holds (253 for a /24).
    var capacity: Int { Int(last - first + 1) }

    /// How many IPs are handed out.
    var allocatedCount: Int { inUse.count }

    /// The lowest free IP, now in use; `nil` when the range is exhausted.
    mutating func allocate() -> String? {
        var candidate = first
        while candidate <= last {
            if !inUse.contains(candidate) {
                inUse.insert(candidate)
                return Self.format(candidate)
            }
            candidate += 1
        }
        return nil
    }

    /// Marks `ip` as in use (a pod that already had it); `false` when it is outside the range or taken.
    mutating func reserve(_ ip: String) -> Bool {
        guard let value = Self.parse(ip), value >= first, value <= last else { return false }
        return inUse.insert(value).inserted
    }

    /// Frees `ip` (no effect when it was not in use).
    mutating func release(_ ip: String) {
        guard let value = Self.parse(ip) else { return }
        inUse.remove(value)
    }

    /// Frees every IP.
    mutating func releaseAll() { inUse.removeAll() }

    private static func parse(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let byte = UInt8(octet) else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    private static func format(_ value: UInt32) -> String {
        "\(value >> 24 & 0xff).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }
}
