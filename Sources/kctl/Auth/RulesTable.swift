import KubeAPI

/// What `kubectl auth can-i --list` prints for a SelfSubjectRulesReview's `status`: the rules broken down to one
/// verb, group and resource each (`BreakdownRule`), rules differing only by verb merged again (`CompactRules`),
/// sorted by their Go text (`&PolicyRule{Verbs:[...],APIGroups:[...],...}`), in the table
/// `Resources / Non-Resource URLs / Resource Names / Verbs`. Pure.
enum RulesTable {
    /// One policy rule.
    struct Rule: Sendable, Equatable {
        var verbs: [String] = []
        var apiGroups: [String] = []
        var resources: [String] = []
        var resourceNames: [String] = []
        var nonResourceURLs: [String] = []

        /// The generated protobuf `String()` kubectl sorts by.
        var goText: String {
            "&PolicyRule{Verbs:\(Self.list(verbs)),APIGroups:\(Self.list(apiGroups)),Resources:\(Self.list(resources)),"
                + "ResourceNames:\(Self.list(resourceNames)),NonResourceURLs:\(Self.list(nonResourceURLs)),}"
        }

        /// Go's `%v` of a string slice: `[a b]`.
        static func list(_ values: [String]) -> String { "[" + values.joined(separator: " ") + "]" }
    }

    /// The rules of a review's `status`.
    static func rules(_ status: JSONValue?) -> [Rule] {
        func strings(_ value: JSONValue?, _ key: String) -> [String] {
            value?[key]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        let resourceRules = (status?["resourceRules"]?.arrayValue ?? []).map { rule in
            Rule(verbs: strings(rule, "verbs"), apiGroups: strings(rule, "apiGroups"), resources: strings(rule, "resources"),
                 resourceNames: strings(rule, "resourceNames"))
        }
        let nonResourceRules = (status?["nonResourceRules"]?.arrayValue ?? []).map { rule in
            Rule(verbs: strings(rule, "verbs"), nonResourceURLs: strings(rule, "nonResourceURLs"))
        }
        return resourceRules + nonResourceRules
    }

    /// `BreakdownRule`: one rule per group, resource, verb (and resource name); one per URL and verb.
    static func breakdown(_ rule: Rule) -> [Rule] {
        var result: [Rule] = []
        for group in rule.apiGroups {
            for resource in rule.resources {
                for verb in rule.verbs {
                    if rule.resourceNames.isEmpty {
                        result.append(Rule(verbs: [verb], apiGroups: [group], resources: [resource]))
                    } else {
                        for name in rule.resourceNames {
                            result.append(Rule(verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [name]))
                        }
                    }
                }
            }
        }
        for url in rule.nonResourceURLs {
            for verb in rule.verbs { result.append(Rule(verbs: [verb], nonResourceURLs: [url])) }
        }
        return result
    }

    /// `CompactRules`: rules of one group, one resource and at most one resource name that differ only by verb
    /// become one rule with their verbs in order.
    static func compact(_ rules: [Rule]) -> [Rule] {
        var compacted: [Rule] = []
        var simple: [Rule] = []
        for rule in rules {
            let isSimple = rule.resourceNames.count <= 1 && rule.nonResourceURLs.isEmpty && rule.apiGroups.count == 1
                && rule.resources.count == 1
            guard isSimple else {
                compacted.append(rule)
                continue
            }
            if let index = simple.firstIndex(where: {
                $0.apiGroups == rule.apiGroups && $0.resources == rule.resources && $0.resourceNames == rule.resourceNames
            }) {
                simple[index].verbs += rule.verbs
            } else {
                simple.append(rule)
            }
        }
        return compacted + simple
    }

    /// kubectl's `CombineResourceGroup`: the rule's first resource with its first API group after the resource's
    /// name (`deployments.apps/scale`, `pods`); empty for a rule without resources.
    static func combinedResourceGroup(_ rule: Rule) -> String {
        guard let resource = rule.resources.first else { return "" }
        let parts = resource.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        var combined = String(parts[0])
        if let group = rule.apiGroups.first, !group.isEmpty { combined += ".\(group)" }
        if parts.count == 2 { combined += "/\(parts[1])" }
        return combined
    }

    /// The text on standard output, and the warning kubectl prints first on standard error (an incomplete list).
    static func render(_ status: JSONValue?, noHeaders: Bool) -> (stdout: String, warning: String?) {
        let rules = compact(rules(status).flatMap(breakdown))
        let sorted = rules.enumerated().sorted { a, b in
            let (x, y) = (Array(a.element.goText.utf8), Array(b.element.goText.utf8))
            return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
        }.map(\.element)
        var lines: [[String]] = noHeaders ? [] : [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]]
        for rule in sorted {
            lines.append([
                combinedResourceGroup(rule), Rule.list(rule.nonResourceURLs), Rule.list(rule.resourceNames),
                Rule.list(rule.verbs),
            ])
        }
        var writer = TableWriter()
        var warning: String?
        if status?["incomplete"]?.boolValue == true {
            warning = "Warning: the list may be incomplete: \(status?["evaluationError"]?.stringValue ?? "")"
        }
        return (writer.format(lines), warning)
    }
}
