extension IntOrString {
    /// Upstream `intstr.GetScaledValueFromIntOrPercent`, the one reading of `maxSurge` / `maxUnavailable` for
    /// Deployments and DaemonSets: an integer as is; `"N%"` as `N * total / 100`, rounded up (`ceil`) or down
    /// (`floor`); anything else (absent, a string without `%`, a malformed number) 0.
    public static func scaledValue(_ value: IntOrString?, total: Int64, roundUp: Bool) -> Int64 {
        switch value {
        case .int(let number)?:
            return Int64(number)
        case .string(let text)? where text.hasSuffix("%"):
            guard let percent = Int64(text.dropLast()) else { return 0 }
            let product = percent * total
            return floorDivide(roundUp ? product + 99 : product, by: 100)
        default:
            return 0
        }
    }

    /// Division rounding toward negative infinity (Go's `math.Floor` of the quotient).
    private static func floorDivide(_ dividend: Int64, by divisor: Int64) -> Int64 {
        let (quotient, remainder) = dividend.quotientAndRemainder(dividingBy: divisor)
        return remainder != 0 && (remainder < 0) != (divisor < 0) ? quotient - 1 : quotient
    }
}
