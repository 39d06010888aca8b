import Foundation
import KubeAPI
import Wire

/// The `controlplane token list` table, laid out as `kubeadm token list` lays it out.
///
/// kubeadm pads the TTL to 9 and the usages to 22 characters, then aligns columns with Go's tabwriter (minimum width
/// 10, padding 3). Times are UTC RFC 3339. Pure: `now` is a parameter.
enum BootstrapTokenTable {
    /// The column headers.
    static let headers = ["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION"]

    /// The table for `tokens` (sorted by id) as seen at `now`, header included, each line ending in a newline.
    static func render(_ tokens: [BootstrapToken], now: Date) -> String {
        let rows = [headers] + tokens.sorted { $0.id < $1.id }.map { row($0, now: now) }
        return align(rows)
    }

    /// One token's cells.
    static func row(_ token: BootstrapToken, now: Date) -> [String] {
        var ttl = "<forever>"
        var expires = "<never>"
        if let date = token.expires {
            ttl = TokenTTL.shortHumanDuration(date.timeIntervalSince(now))
            expires = Timestamp.format(date)
        }
        let usages = BootstrapToken.usages.joined(separator: ",")
        return [
            token.token, pad(ttl, to: 9), expires, pad(usages, to: 22),
            token.description.isEmpty ? "<none>" : token.description,
        ]
    }

    /// Go tabwriter alignment (minwidth 10, padding 3, blanks): every cell but the last of a row is padded to its
    /// column's width; the last cell is written as is.
    static func align(_ rows: [[String]], minimumWidth: Int = 10, padding: Int = 3) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: minimumWidth, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() {
                widths[index] = max(widths[index], cell.count + padding)
            }
        }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : pad(cell, to: widths[index])
            }.joined() + "\n"
        }.joined()
    }

    private static func pad(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
