import KubeAPI

/// What `kubectl api-resources` prints for a list of discovered resources, after its filters (`--api-group`,
/// `--namespaced`, `--verbs`, `--categories`) and its order (group then name; `--sort-by name|kind`, then name).
/// Pure.
struct APIResourcesTable: Sendable, Equatable {
    enum Output: String, Sendable, Equatable {
        case table = "", wide, name
    }

    var output: Output = .table
    /// `--api-group`, when given (`""` is the core group); nil means every group.
    var apiGroup: String?
    /// `--namespaced`, only when given on the command line.
    var namespaced: Bool?
    var verbs: [String] = []
    var categories: [String] = []
    /// `--sort-by`: "", `name` or `kind`.
    var sortBy = ""
    var noHeaders = false

    /// Checks `-o` and `--sort-by` as kubectl does.
    /// - Throws: ``LabelError`` `--output foo is not available` / `--sort-by accepts only name or kind`.
    static func parseOutput(_ text: String?, sortBy: String) throws(LabelError) -> Output {
        guard let output = Output(rawValue: text ?? "") else { throw LabelError("--output \(text ?? "") is not available") }
        guard ["", "name", "kind"].contains(sortBy) else { throw LabelError("--sort-by accepts only name or kind") }
        return output
    }

    /// The resources kept by the filters, in kubectl's order.
    func selected(_ resources: [DiscoveredResource]) -> [DiscoveredResource] {
        let kept = resources.filter { resource in
            if let apiGroup, resource.group != apiGroup { return false }
            if let namespaced, resource.namespaced != namespaced { return false }
            if !verbs.allSatisfy(resource.verbs.contains) { return false }
            if !categories.allSatisfy(resource.categories.contains) { return false }
            return true
        }
        // Go's sort.Stable with kubectl's Less: the sort field, then the name.
        func field(_ resource: DiscoveredResource) -> String {
            switch sortBy {
            case "name": resource.name
            case "kind": resource.kind
            default: resource.group
            }
        }
        return kept.enumerated().sorted { a, b in
            let (x, y) = (field(a.element), field(b.element))
            if x != y { return x < y }
            if a.element.name != b.element.name { return a.element.name < b.element.name }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The text printed on standard output.
    func render(_ resources: [DiscoveredResource]) -> String {
        let rows = selected(resources)
        if output == .name { return rows.map { $0.qualifiedName + "\n" }.joined() }
        var lines: [[String]] = []
        if !noHeaders {
            lines.append(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"] + (output == .wide ? ["VERBS", "CATEGORIES"] : []))
        }
        for resource in rows {
            var line = [
                resource.name, resource.shortNames.joined(separator: ","), resource.groupVersion,
                resource.namespaced ? "true" : "false", resource.kind,
            ]
            if output == .wide {
                line += [resource.verbs.joined(separator: ","), resource.categories.joined(separator: ",")]
            }
            lines.append(line)
        }
        var writer = TableWriter()
        return writer.format(lines)
    }
}
