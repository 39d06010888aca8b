import Foundation
import KubeAPI

/// `kubectl describe` of roles and bindings, ports of kubectl's `RoleDescriber`/`ClusterRoleDescriber` and
/// `RoleBindingDescriber`/`ClusterRoleBindingDescriber`: name, labels and annotations, then a role's rules broken
/// down, compacted and sorted as `auth can-i --list` prints them (``RulesTable``), or a binding's role and
/// subjects. Neither shows events.
enum RBACDescriber {
    static func describeRole(_ object: JSONValue) -> String {
        let o = JSONFields(object)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.labels)
        w.annotations("Annotations", o.stringMap("metadata", "annotations"))
        w.write(0, "PolicyRule:\n")
        w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
        w.write(1, "---------\t-----------------\t--------------\t-----\n")
        for rule in sortedRules(o.array("rules")) {
            let list = RulesTable.Rule.list
            let cells = [
                RulesTable.combinedResourceGroup(rule), list(rule.nonResourceURLs), list(rule.resourceNames), list(rule.verbs),
            ]
            w.write(1, cells.joined(separator: "\t") + "\n")
        }
        return w.render()
    }

    static func describeBinding(_ object: JSONValue) -> String {
        let o = JSONFields(object)
        var w = DescribeWriter()
        w.write(0, "Name:\t\(o.name)\n")
        w.labels("Labels", o.labels)
        w.annotations("Annotations", o.stringMap("metadata", "annotations"))
        w.write(0, "Role:\n")
        w.write(1, "Kind:\t\(o.string("roleRef", "kind") ?? "")\n")
        w.write(1, "Name:\t\(o.string("roleRef", "name") ?? "")\n")
        w.write(0, "Subjects:\n")
        w.write(1, "Kind\tName\tNamespace\n")
        w.write(1, "----\t----\t---------\n")
        for subject in o.array("subjects").map(JSONFields.init) {
            let cells = [subject.string("kind"), subject.string("name"), subject.string("namespace")].map { $0 ?? "" }
            w.write(1, cells.joined(separator: "\t") + "\n")
        }
        return w.render()
    }

    /// The rules broken down per verb, group, resource and name, compacted again by verb, and sorted by their Go
    /// text (stable), as kubectl's describer does.
    static func sortedRules(_ rules: [JSONValue]) -> [RulesTable.Rule] {
        func strings(_ rule: JSONValue, _ key: String) -> [String] { rule[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let parsed = rules.map { rule in
            RulesTable.Rule(
                verbs: strings(rule, "verbs"), apiGroups: strings(rule, "apiGroups"), resources: strings(rule, "resources"),
                resourceNames: strings(rule, "resourceNames"), nonResourceURLs: strings(rule, "nonResourceURLs"))
        }
        let compacted = RulesTable.compact(parsed.flatMap(RulesTable.breakdown))
        return compacted.enumerated().sorted { a, b in
            let (x, y) = (Array(a.element.goText.utf8), Array(b.element.goText.utf8))
            return x == y ? a.offset < b.offset : x.lexicographicallyPrecedes(y)
        }.map(\.element)
    }
}
