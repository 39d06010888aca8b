import KubeAPI
import Wire

/// The arguments of `kubectl taint` and what they do to one node (kubectl's `cmd/taint/taint.go` and `utils.go`).
/// Pure.
struct TaintUpdate: Sendable, Equatable {
    /// The resource arguments: `nodes n1 n2`, or `node/n1`.
    var resources: [String]
    var toAdd: [TaintSpec]
    /// Removals: key and effect (effect "" removes every taint with the key).
    var toRemove: [TaintSpec]

    /// What updating one node gives: kubectl's operation word (`tainted`, `untainted`, `modified`) and the new
    /// `spec.taints`.
    struct Outcome: Sendable, Equatable {
        var operation: String
        var taints: [JSONValue]
    }

    /// Splits resources from taint arguments (those containing `=` or `:`, or ending in `-`) and parses the
    /// taints, as `TaintOptions.Complete` does.
    /// - Throws: ``TaintParseError`` with kubectl's messages; taint parse errors are usage errors (followed by
    ///   `See 'kctl taint -h' for help and examples`).
    static func parse(_ arguments: [String]) throws(TaintParseError) -> TaintUpdate {
        var update = TaintUpdate(resources: [], toAdd: [], toRemove: [])
        var taintArguments: [String] = []
        for argument in arguments {
            let isTaint = argument.contains("=") || argument.contains(":") || argument.hasSuffix("-")
            if isTaint {
                taintArguments.append(argument)
            } else if !taintArguments.isEmpty {
                throw TaintParseError(RolloutError("all resources must be specified before taint changes: \(argument)"))
            } else {
                update.resources.append(argument)
            }
        }
        if update.resources.isEmpty {
            throw TaintParseError(RolloutError("one or more resources must be specified as <resource> <name>"))
        }
        if taintArguments.isEmpty { throw TaintParseError(RolloutError("at least one taint update is required")) }
        do {
            try update.parseTaints(taintArguments)
        } catch {
            throw TaintParseError(error, usage: true)
        }
        return update
    }

    /// `parseTaints`: removals (trailing `-`) and additions, which need an effect and must be unique by key and
    /// effect.
    private mutating func parseTaints(_ specs: [String]) throws(RolloutError) {
        for spec in specs {
            if spec.hasSuffix("-") {
                var removal = try TaintSpec.parse(String(spec.dropLast()))
                removal.value = ""
                toRemove.append(removal)
                continue
            }
            let taint = try TaintSpec.parse(spec)
            if taint.effect.isEmpty { throw RolloutError("invalid taint spec: \(spec)") }
            if toAdd.contains(where: { $0.key == taint.key && $0.effect == taint.effect }) {
                throw RolloutError("duplicated taints with the same key and effect: \(taint.goValue)")
            }
            toAdd.append(taint)
        }
    }

    /// `TaintOptions.Validate` and `validateFlags`, after the kind is known to be Node: conflicting changes, then
    /// `--all` / `-l` / names.
    func validate(all: Bool, selector: String?) -> RolloutError? {
        var conflicts: [String] = []
        for add in toAdd {
            for remove in toRemove where add.key == remove.key && (remove.effect.isEmpty || add.effect == remove.effect)
            {
                conflicts.append("\(remove.key)=\(remove.effect)")
            }
        }
        if !conflicts.isEmpty {
            return RolloutError(
                "can not both modify and remove the following taint(s) in the same command: \(conflicts.joined(separator: ", "))"
            )
        }
        let selecting = !(selector ?? "").isEmpty
        if all && selecting { return RolloutError("setting 'all' parameter with a non empty selector is prohibited") }
        if !all && !selecting && resources.count < 2 && !(resources.first ?? "").contains("/") {
            return RolloutError("at least one resource name must be specified since 'all' parameter is not set")
        }
        return nil
    }

    /// `updateTaints` on one node: without `overwrite`, refuses taints whose key and effect the node already has;
    /// then `reorganizeTaints`: the new taints, the old ones not replaced, minus the removals.
    /// - Throws: ``TaintFailures``: `node n1 already has k taint(s) with same effect(s) and --overwrite is false`,
    ///   or one `taint "k:NoSchedule" not found` per removal that found nothing.
    func apply(to node: JSONValue, overwrite: Bool) throws(TaintFailures) -> Outcome {
        let old = node[path: ["spec", "taints"]]?.arrayValue ?? []
        let name = node[path: ["metadata", "name"]]?.stringValue ?? ""
        if !overwrite {
            let existing = toAdd.filter { taint in old.contains(where: taint.matches) }.map(\.key)
            if !existing.isEmpty {
                throw TaintFailures(errors: [
                    RolloutError(
                        "node \(name) already has \(existing.joined(separator: ",")) taint(s) with same effect(s) and --overwrite is false"
                    )
                ])
            }
        }
        var taints = toAdd.map { taint in
            // A replaced NoExecute taint keeps nothing of the old one: kubectl sends the new taint as parsed.
            taint.json
        }
        for taint in old where !toAdd.contains(where: { $0.matches(taint) }) { taints.append(taint) }
        let added = old.count != taints.count
        var errors: [String] = []
        var removed = false
        for removal in toRemove {
            let before = taints.count
            taints.removeAll { taint in
                removal.effect.isEmpty ? taint["key"]?.stringValue ?? "" == removal.key : removal.matches(taint)
            }
            removed = taints.count != before
            if !removed { errors.append("taint \(GoQuote.quote(removal.text)) not found") }
        }
        if !errors.isEmpty { throw TaintFailures(errors: errors.map(RolloutError.init)) }
        let operation = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted"
        return Outcome(operation: operation, taints: taints)
    }
}

/// A `kubectl taint` argument error; `usage` errors end with kubectl's `See '... -h' for help and examples`.
struct TaintParseError: Error, Sendable, Equatable {
    var error: RolloutError
    var usage = false

    init(_ error: RolloutError, usage: Bool = false) {
        self.error = error
        self.usage = usage
    }

    /// The text kubectl prints (without the final newline).
    var text: String {
        usage ? "\(error.description)\nSee 'kctl taint -h' for help and examples" : error.description
    }
}

/// Why a node's taints were not updated: kubectl's errors for it (each printed on its own line when several).
struct TaintFailures: Error, Sendable, Equatable {
    var errors: [RolloutError]
}
