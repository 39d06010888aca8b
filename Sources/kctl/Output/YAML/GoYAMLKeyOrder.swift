/// The order go-yaml v2 sorts map keys in (`sorter.go`), which is what `kubectl -o yaml` shows.
///
/// It is not byte order: letters sort after other characters, and runs of digits compare by numeric value,
/// so `item9` sorts before `item10`.
import KubeAPI
import Wire

enum GoYAMLKeyOrder {
    /// Whether `a` sorts before `b` (go-yaml's `keyList.Less` for two string keys).
    static func less(_ a: String, _ b: String) -> Bool {
        let ar = Array(a.unicodeScalars)
        let br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] {
                i += 1
                continue
            }
            let al = isLetter(ar[i])
            let bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) {
                an = an &* 10 &+ (Int64(ar[ai].value) &- 48)
                ai += 1
            }
            var bi = i
            while bi < br.count && isDigit(br[bi]) {
                bn = bn &* 10 &+ (Int64(br[bi].value) &- 48)
                bi += 1
            }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// Keys sorted as go-yaml sorts them.
    ///
    /// go-yaml's comparison is not transitive for some keys mixing digit runs with other characters (`08`, `1e4`,
    /// `12:30`), and Go feeds it keys in random map order, so kubectl's own order for such keys varies from run to
    /// run. Starting from byte order keeps ours deterministic; for all other keys the result equals go-yaml's.
    static func sorted<S: Sequence<String>>(_ keys: S) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.sorted(by: less)
    }

    /// Go's `unicode.IsLetter`: general category L.
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .decimalNumber
    }
}
