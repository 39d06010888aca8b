/// kubectl accepts its global flags before the subcommand (`kctl --kubeconfig f apply -f x`); ArgumentParser reads
/// options only on the command that declares them. This moves leading global flags behind the subcommand's
/// arguments (before a `--` terminator, if any), so both spellings work; `-n` may be written `-n x`, `-n=x` or `-nx`.
/// Pure.
enum GlobalArgumentHoisting {
    /// Global flags that take a value.
    static let valued: Set<String> = [
        "--kubeconfig", "--context", "--namespace", "-n", "--request-timeout", "--token", "--as", "--as-group",
    ]

    static func hoist(_ arguments: [String]) -> [String] {
        var hoisted: [String] = []
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let argument = arguments[index]
            if isJoinedNamespace(argument) {
                hoisted.append(argument)
                index += 1
                continue
            }
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard valued.contains(name) else { break }
            if argument.contains("=") {
                hoisted.append(argument)
                index += 1
            } else if index + 1 < arguments.count {
                hoisted += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !hoisted.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: hoisted, at: terminator)
        } else {
            rest += hoisted
        }
        return rest
    }

    /// `-nkube-system`: the namespace flag with its value joined, as kubectl (pflag) accepts it.
    static func isJoinedNamespace(_ argument: String) -> Bool {
        argument.hasPrefix("-n") && argument.count > 2 && !argument.hasPrefix("-n=")
    }
}
