import Foundation
import KubeAPI
import Wire

/// kubectl's human-readable table output (`kubectl get`, `-o wide`) as a pure function over the server's tables.
///
/// The server computes the cells (``TableConvertor``, the API library's table builders); this printer does what
/// kubectl's table printer adds: upper-cased headers from the column definitions, priority-1 columns only with
/// `-o wide`, and from each row's object the `NAMESPACE` column (`-A`), label columns (`-L`), `LABELS`
/// (`--show-labels`) and the `kind/` prefix of multi-kind output. Rows keep the order given (the server's order).
enum ResourcePrinter {
    /// The `get` flags that shape a table.
    struct Options: Sendable, Equatable {
        /// `-o wide`: include the wide columns.
        var wide = false
        /// `-A`: a leading `NAMESPACE` column (ignored for cluster-scoped kinds).
        var showNamespace = false
        /// `--show-labels`: a trailing `LABELS` column.
        var showLabels = false
        /// `-L key1,key2`: one column per key, header = last path segment upper-cased.
        var labelColumns: [String] = []
        /// Several kinds in one `get`: names printed as `daemonset.apps/x`.
        var showKindPrefix = false

        init(
            wide: Bool = false, showNamespace: Bool = false, showLabels: Bool = false, labelColumns: [String] = [],
            showKindPrefix: Bool = false
        ) {
            self.wide = wide
            self.showNamespace = showNamespace
            self.showLabels = showLabels
            self.labelColumns = labelColumns
            self.showKindPrefix = showKindPrefix
        }
    }

    /// A table before alignment: the header cells and one row of cells per object.
    struct Table: Sendable, Equatable {
        var header: [String]
        var rows: [[String]]
    }

    /// The header and rows of a server's `table` of `kind`, decorated as kubectl does (namespace, kind prefix,
    /// labels).
    static func table(_ table: KubeAPI.Table, kind: String, options: Options) -> Table {
        let definitions = table.columnDefinitions
        let shown = definitions.indices.filter { options.wide || definitions[$0].priority == 0 }
        let withNamespace = options.showNamespace && (ResourceKind.lookUp(kind: kind)?.namespaced ?? true)
        let prefix = ResourceKind.lookUp(kind: kind)?.printName ?? kind.lowercased()

        var header: [String] = withNamespace ? ["NAMESPACE"] : []
        header += shown.map { definitions[$0].name.uppercased() }
        header += options.labelColumns.map { key in
            (key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key).uppercased()
        }
        if options.showLabels { header.append("LABELS") }

        let rows = table.rows.map { row -> [String] in
            let metadata = JSONFields(row.metadata ?? [:])
            var cells: [String] = withNamespace ? [metadata.string("namespace") ?? ""] : []
            for index in shown {
                var cell = index < row.cells.count ? text(of: row.cells[index]) : ""
                if options.showKindPrefix && definitions[index].format == "name" { cell = "\(prefix)/\(cell)" }
                cells.append(sanitize(cell))
            }
            let labels = metadata.stringMap("labels")
            cells += options.labelColumns.map { labels[$0] ?? "" }
            if options.showLabels { cells.append(LabelFormat.labels(labels)) }
            return cells
        }
        return Table(header: header, rows: rows)
    }

    /// The header and rows for `objects` of one kind, through the same table builders the server uses.
    static func table(kind: String, objects: [JSONValue], now: Date, options: Options) -> Table {
        table(TableConvertor.table(kind: kind, objects: objects, now: now), kind: kind, options: options)
    }

    /// The aligned text of a server's table (header plus one line per row), or `""` when it has no rows. With
    /// `noHeaders` the header is left out before alignment, so it does not widen the columns (as kubectl).
    static func render(
        _ table: KubeAPI.Table, kind: String, options: Options = Options(), noHeaders: Bool = false
    ) -> String {
        let t = self.table(table, kind: kind, options: options)
        guard noHeaders else { return TableWriter.render(header: t.header, rows: t.rows) }
        var writer = TableWriter()
        return writer.format(t.rows)
    }

    /// The aligned table text for `objects` (header plus one line per object), or `""` when there are none.
    static func render(kind: String, objects: [JSONValue], now: Date, options: Options = Options()) -> String {
        render(TableConvertor.table(kind: kind, objects: objects, now: now), kind: kind, options: options)
    }

    /// A cell as kubectl prints it (Go's `%v`): strings as they are, numbers in Go's formatting, nothing for null (a
    /// custom kind's printer column whose path finds nothing).
    static func text(of cell: JSONValue) -> String {
        switch cell {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): GoNumberFormat.formatG(number)
        case .bool(let flag): flag ? "true" : "false"
        case .null: ""
        case .array, .object: cell.jsonString()
        }
    }

    /// kubectl cuts a cell at its first newline, carriage return or form feed and appends `...`.
    static func sanitize(_ cell: String) -> String {
        guard let index = cell.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" })
        else { return cell }
        return String(cell[..<index]) + "..."
    }
}
