import KubeAPI
import Wire

/// `-o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName`, as kubectl's `CustomColumnsPrinter`.
///
/// Headers print as given; each cell is the column's JSONPath results joined by `,`, or `<none>` when there are
/// none. Columns are aligned like every kubectl table.
struct CustomColumnsPrinter: Sendable {
    /// One `HEADER:expression` pair.
    struct Column: Sendable {
        let header: String
        let path: JSONPath
    }

    /// The columns, in order.
    let columns: [Column]

    /// Parses a `custom-columns` spec.
    ///
    /// Each expression may be written `.a.b`, `a.b`, `{.a.b}` or `{a.b}` (kubectl's relaxed JSONPath form).
    init(spec: String) throws(JSONPathError) {
        guard !spec.isEmpty else { throw .parse("custom-columns format specified but no custom columns given") }
        var columns: [Column] = []
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw .parse("unexpected custom-columns spec: \(part), expected <header>:<json-path-expr>")
            }
            let expression = try JSONPath.relaxed(String(pieces[1]))
            columns.append(Column(header: String(pieces[0]), path: try JSONPath(expression)))
        }
        self.columns = columns
    }

    /// The cells of one object.
    func cells(for object: JSONValue) throws(JSONPathError) -> [String] {
        var cells: [String] = []
        for column in columns {
            let groups = try column.path.results(on: object)
            if groups.first?.isEmpty ?? true {
                cells.append("<none>")
                continue
            }
            cells.append(groups.flatMap { $0 }.map(GoFormat.sprint).joined(separator: ","))
        }
        return cells
    }

    /// The aligned table: the headers (unless `noHeaders`) and one line per object.
    func render(objects: [JSONValue], noHeaders: Bool = false) throws(JSONPathError) -> String {
        var lines: [[String]] = noHeaders ? [] : [columns.map(\.header)]
        for object in objects { lines.append(try cells(for: object)) }
        var writer = TableWriter()
        return writer.format(lines)
    }
}
