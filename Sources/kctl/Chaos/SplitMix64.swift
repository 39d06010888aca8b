/// A seedable pseudo-random generator: Steele, Lea and Flood's SplitMix64 (the generator behind Java's
/// `SplittableRandom`, and the usual seeder of xoshiro). Swift's system generator cannot be seeded, and the standard
/// library's `random(in:using:)` algorithms are not promised to stay the same across releases, so the draws a chaos
/// schedule makes are defined here, bit for bit: one seed gives one schedule on every machine and toolchain.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), without modulo bias: Lemire's multiply-and-reject.
    mutating func below(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(below(span))
    }

    /// A uniform duration in `range`, in whole milliseconds (schedules print exactly).
    mutating func duration(in range: ClosedRange<Duration>) -> Duration {
        let low = Self.milliseconds(range.lowerBound)
        let high = max(low, Self.milliseconds(range.upperBound))
        return .milliseconds(int(in: Int(low)...Int(high)))
    }

    /// One element of a non-empty array, uniformly.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int(below(UInt64(elements.count)))]
    }

    /// A fair coin.
    mutating func bool() -> Bool {
        next() >> 63 == 1
    }

    /// A duration in whole milliseconds (truncated).
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
