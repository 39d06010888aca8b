import KubeAPI
import Wire

/// The arguments of `kubectl rollout status` that ArgumentParser cannot take as pflag does: `--watch` / `-w` is a
/// Boolean flag that also takes `=false`. Pure.
struct RolloutStatusArguments: Sendable, Equatable {
    /// The resource arguments.
    var resources: [String] = []
    /// Whether to watch until the rollout is done (default true).
    var watch = true

    /// Splits `-w`, `--watch`, `--watch=BOOL`, `-w=BOOL` from the resource arguments.
    /// - Throws: ``RolloutError`` for a bad Boolean or any other flag, with pflag's messages.
    static func parse(_ arguments: [String]) throws(RolloutError) -> RolloutStatusArguments {
        var parsed = RolloutStatusArguments()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                parsed.resources += rest
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                parsed.resources.append(argument)
                continue
            }
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts[0] == "-w" || parts[0] == "--watch" else {
                if argument.hasPrefix("--") { throw RolloutError("unknown flag: \(parts[0])") }
                let letter = argument.dropFirst().first.map(String.init) ?? ""
                throw RolloutError("unknown shorthand flag: '\(letter)' in \(argument)")
            }
            guard parts.count == 2 else {
                parsed.watch = true
                continue
            }
            guard let value = parseBool(parts[1]) else {
                throw RolloutError(
                    "invalid argument \(GoQuote.quote(parts[1])) for \"-w, --watch\" flag: strconv.ParseBool: parsing \(GoQuote.quote(parts[1])): invalid syntax")
            }
            parsed.watch = value
        }
        return parsed
    }

    /// Go's `strconv.ParseBool`.
    static func parseBool(_ text: String) -> Bool? {
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: return nil
        }
    }

    /// `--timeout` as a Go duration (`0` for none).
    /// - Throws: ``RolloutError`` `invalid argument "x" for "--timeout" flag: time: invalid duration "x"`.
    static func timeout(_ text: String) throws(RolloutError) -> Duration? {
        guard let duration = DurationText.parse(text) else {
            throw RolloutError(
                "invalid argument \(GoQuote.quote(text)) for \"--timeout\" flag: time: invalid duration \(GoQuote.quote(text))")
        }
        return duration == .zero ? nil : duration
    }
}
