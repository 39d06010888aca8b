import Foundation
import KubeAPI
import Wire

/// kubectl's human-readable table output (`kubectl get`, `-o wide`) as a pure function over server objects.
///
/// Objects are taken as JSON, like kubectl's unstructured printing, so the printer works on whatever the server
/// returns. Rows keep the order given (the server's order).
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

    /// The column definitions kubectl uses for a manifest kind (`Pod`, `DaemonSet`, ...); `NAME AGE` for others.
    static func columns(forKind kind: String) -> any ResourceColumns.Type {
        switch kind {
        case "Pod": PodColumns.self
        case "DaemonSet": DaemonSetColumns.self
        case "Deployment": DeploymentColumns.self
        case "ReplicaSet": ReplicaSetColumns.self
        case "Service": ServiceColumns.self
        case "Node": NodeColumns.self
        case "Namespace": NamespaceColumns.self
        case "Endpoints": EndpointsColumns.self
        case "Event": EventColumns.self
        case "ControllerRevision": ControllerRevisionColumns.self
        case "Lease": LeaseColumns.self
        case "ConfigMap": ConfigMapColumns.self
        case "Secret": SecretColumns.self
        default: DefaultColumns.self
        }
    }

    /// The header and rows for `objects` of one kind, decorated as kubectl does (namespace, kind prefix, labels).
    static func table(kind: String, objects: [JSONValue], now: Date, options: Options) -> Table {
        let provider = columns(forKind: kind)
        let definitions = provider.columns
        let shown = definitions.indices.filter { options.wide || !definitions[$0].wide }
        let withNamespace = options.showNamespace && (ResourceKind.forKind(kind)?.namespaced ?? true)
        let prefix = ResourceKind.forKind(kind)?.printName ?? kind.lowercased()

        var header: [String] = withNamespace ? ["NAMESPACE"] : []
        header += shown.map { definitions[$0].header }
        header += options.labelColumns.map { key in
            (key.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? key).uppercased()
        }
        if options.showLabels { header.append("LABELS") }

        let rows = objects.map { object -> [String] in
            let fields = JSONFields(object)
            let cells = provider.cells(for: object, now: now)
            var row: [String] = withNamespace ? [fields.namespace] : []
            for index in shown {
                var cell = index < cells.count ? cells[index] : ""
                if options.showKindPrefix && definitions[index].isName { cell = "\(prefix)/\(cell)" }
                row.append(sanitize(cell))
            }
            let labels = fields.labels
            row += options.labelColumns.map { labels[$0] ?? "" }
            if options.showLabels { row.append(LabelFormat.labels(labels)) }
            return row
        }
        return Table(header: header, rows: rows)
    }

    /// The aligned table text (header plus one line per object), or `""` when there are no objects.
    static func render(kind: String, objects: [JSONValue], now: Date, options: Options = Options()) -> String {
        let t = table(kind: kind, objects: objects, now: now, options: options)
        return TableWriter.render(header: t.header, rows: t.rows)
    }

    /// kubectl cuts a cell at its first newline, carriage return or form feed and appends `...`.
    static func sanitize(_ cell: String) -> String {
        guard let index = cell.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" || $0 == "\r\n" })
        else { return cell }
        return String(cell[..<index]) + "..."
    }
}
