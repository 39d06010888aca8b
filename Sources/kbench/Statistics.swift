/// Summaries of measured samples, and how they are printed. Pure.
struct Samples: Sendable, Equatable {
    /// The values, in seconds, sorted ascending.
    let sorted: [Double]

    init(_ values: [Double]) {
        sorted = values.sorted()
    }

    init(_ durations: [Duration]) {
        self.init(durations.map(Samples.seconds))
    }

    var count: Int { sorted.count }
    var min: Double? { sorted.first }
    var max: Double? { sorted.last }
    var median: Double? { percentile(50) }

    /// The nearest-rank percentile: the smallest sample with at least `p`% of the samples at or below it.
    func percentile(_ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    /// `min 1.2 ms · median 3.4 ms · max 5.6 ms (n = 5)`.
    var minMedianMax: String {
        guard let min, let median, let max else { return "no samples" }
        return "min \(Samples.format(min)) · median \(Samples.format(median)) · max \(Samples.format(max))"
            + " (n = \(count))"
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Seconds as `850 µs`, `12.3 ms`, `456 ms` or `1.23 s`.
    static func format(_ seconds: Double) -> String {
        switch seconds {
        case ..<0.001: return "\(Int((seconds * 1e6).rounded())) µs"
        case ..<0.1: return "\(decimal(seconds * 1000, places: 1)) ms"
        case ..<1: return "\(Int((seconds * 1000).rounded())) ms"
        default: return "\(decimal(seconds, places: 2)) s"
        }
    }

    /// Bytes as `12.3 MB` (10^6 bytes, as the target is stated).
    static func formatMegabytes(_ bytes: Int) -> String {
        "\(decimal(Double(bytes) / 1e6, places: 1)) MB"
    }

    /// `value` with `places` decimals.
    static func decimal(_ value: Double, places: Int) -> String {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = Int((value * factor).rounded())
        guard places > 0 else { return String(scaled) }
        let sign = scaled < 0 ? "-" : ""
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt(factor)
        let fraction = String(magnitude % UInt(factor))
        return "\(sign)\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    /// An integer with thousands separators: `5,000`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
