import KubeAPI
import Synchronization
import Wire

/// A ``WatchTransport`` whose lists and watches ask the server for tables, as `kubectl get -w` does.
///
/// A ``RetryingWatcher`` tracks objects by their metadata, so each table row is handed to it as an item
/// `{"metadata": <the row object's metadata>, "table": <a Table of that one row, with its column definitions>}`
/// (see ``TableRowItem``): relists, DELETED events and resourceVersions work as for objects. A watch's later events
/// carry no column definitions (the server sends them once, as Kubernetes does); the last ones seen are remembered.
struct TableWatchTransport<Base: WatchTransport>: WatchTransport {
    let base: Base
    private let columns = ColumnMemory()

    init(base: Base) {
        self.base = base
    }

    var current: Connection { Connection(base: base.current, columns: columns) }

    func withNewConnection<R: Sendable>(_ body: @Sendable (Connection) async throws -> R) async throws -> R {
        let columns = self.columns
        return try await base.withNewConnection { connection in
            try await body(Connection(base: connection, columns: columns))
        }
    }

    /// One connection's table lists and watches.
    struct Connection: WatchConnection {
        let base: Base.Connection
        fileprivate let columns: ColumnMemory

        func list(_ request: Request) async throws -> JSONValue? {
            guard let answer = try await base.list(Self.asTable(request)) else { return nil }
            let table = try answer.decode(as: Table.self)
            let definitions = columns.remember(table.columnDefinitions)
            return [
                "metadata": ["resourceVersion": table.metadata.resourceVersion.map(JSONValue.string) ?? .null],
                "items": .array(table.rows.map { TableRowItem.item($0, columns: definitions) }),
            ]
        }

        func watch(_ request: Request) -> AsyncThrowingStream<WatchEvent, any Error> {
            let events = base.watch(Self.asTable(request))
            let columns = self.columns
            let (stream, output) = AsyncThrowingStream.makeStream(of: WatchEvent.self, throwing: (any Error).self)
            let task = Task {
                do {
                    for try await event in events {
                        for item in try Self.items(of: event, columns: columns) { output.yield(item) }
                    }
                    output.finish()
                } catch {
                    output.finish(throwing: error)
                }
            }
            output.onTermination = { _ in task.cancel() }
            return stream
        }

        /// The request asking for a table with each row's object metadata.
        static func asTable(_ request: Request) -> Request {
            var request = request
            request.as = TableOptions.tableConversion
            request.includeObject = TableOptions.IncludeObject.metadata.rawValue
            return request
        }

        /// One event per row of a table event; a table without rows (a bookmark) keeps only its resourceVersion.
        private static func items(of event: WatchEvent, columns: ColumnMemory) throws -> [WatchEvent] {
            let table = try event.object.decode(as: Table.self)
            let definitions = columns.remember(table.columnDefinitions)
            guard !table.rows.isEmpty else {
                let version = table.metadata.resourceVersion.map(JSONValue.string) ?? .null
                return [WatchEvent(type: event.type, object: ["metadata": ["resourceVersion": version]])]
            }
            return table.rows.map { WatchEvent(type: event.type, object: TableRowItem.item($0, columns: definitions)) }
        }
    }
}

/// A table row as an item a ``RetryingWatcher`` can track: the row's object metadata on top, the row as a one-row
/// Table beside it.
enum TableRowItem {
    /// The item for `row` under `columns`.
    static func item(_ row: TableRow, columns: [TableColumnDefinition]) -> JSONValue {
        ["metadata": row.metadata ?? [:], "table": Table(columnDefinitions: columns, rows: [row]).json]
    }

    /// The rows of `items` as one table (the first item's column definitions); nil without items.
    static func table(_ items: [JSONValue]) -> Table? {
        let tables = items.compactMap { try? $0["table"]?.decode(as: Table.self) }
        guard var table = tables.first else { return nil }
        table.rows = tables.flatMap(\.rows)
        return table
    }
}

/// The last column definitions a table watch saw, shared by its connections.
private final class ColumnMemory: Sendable {
    private let definitions = Mutex<[TableColumnDefinition]>([])

    /// Records `columns` when there are any; returns the definitions now known.
    func remember(_ columns: [TableColumnDefinition]) -> [TableColumnDefinition] {
        definitions.withLock { known in
            if !columns.isEmpty { known = columns }
            return known
        }
    }
}
