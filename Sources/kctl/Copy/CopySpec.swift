/// The two operands of `kubectl cp` (`[[namespace/]pod:]path`) and the path rules of kubectl's `cp`: what the
/// container's `tar` is asked, and where an archive's entries land locally. Pure.
struct CopySpec: Sendable, Equatable {
    var namespace: String?
    var pod: String?
    var path: String

    static let formatError = "filespec must match the canonical format: [[namespace/]pod:]file/path"

    /// `extractFileSpec`.
    /// - Throws: ``LabelError`` with kubectl's message.
    static func parse(_ argument: String) throws(LabelError) -> CopySpec {
        guard let colon = argument.firstIndex(of: ":") else { return CopySpec(path: argument) }
        if colon == argument.startIndex { throw LabelError(formatError) }
        let pieces = argument[..<colon].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let path = String(argument[argument.index(after: colon)...])
        switch pieces.count {
        case 1: return CopySpec(pod: pieces[0], path: path)
        case 2: return CopySpec(namespace: pieces[0], pod: pieces[1], path: path)
        default: throw LabelError(formatError)
        }
    }

    /// `Run`'s checks: which way the copy goes.
    /// - Throws: ``LabelError`` with kubectl's message.
    static func direction(_ arguments: [String]) throws(LabelError) -> (source: CopySpec, destination: CopySpec) {
        guard arguments.count == 2 else { throw LabelError("source and destination are required") }
        let source = try parse(arguments[0])
        let destination = try parse(arguments[1])
        if source.pod != nil && destination.pod != nil {
            throw LabelError("one of src or dest must be a local file specification")
        }
        if source.path.isEmpty || destination.path.isEmpty { throw LabelError("filepath can not be empty") }
        if source.pod == nil && destination.pod == nil {
            throw LabelError("one of src or dest must be a remote file specification")
        }
        return (source, destination)
    }

    // MARK: - Paths (Go's path.Clean, Dir, Base, Join)

    /// Go's `path.Clean`.
    static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." {
                    parts.removeLast()
                } else if !rooted {
                    parts.append(part)
                }
                continue
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Go's `path.Dir`.
    static func dir(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return clean(String(path[...slash]))
    }

    /// Go's `path.Base`.
    static func base(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed == "/" { return "/" }
        return trimmed.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// Go's `path.Join` (empty parts skipped, the result cleaned).
    static func join(_ parts: String...) -> String {
        let kept = parts.filter { !$0.isEmpty }
        return kept.isEmpty ? "" : clean(kept.joined(separator: "/"))
    }

    /// `stripPathShortcuts`: leading `../` and a bare `.` or `..` removed, then a leading `/`.
    static func stripShortcuts(_ path: String) -> String {
        var result = path
        while result.hasPrefix("../") { result.removeFirst(3) }
        if result == "." || result == ".." { result = "" }
        if result.hasPrefix("/") { result.removeFirst() }
        return result
    }

    /// The prefix every entry of the container's archive of `source` starts with (leading slashes stripped and
    /// the path cleaned, as GNU tar names its members).
    static func archivePrefix(_ source: String) -> String {
        stripShortcuts(clean(String(source.drop { $0 == "/" || $0 == "\\" })))
    }

    /// Where an archive entry lands under the local `destination`: nil when it escapes it (kubectl warns and skips).
    /// - Throws: ``LabelError`` `tar contents corrupted` for an entry outside the prefix.
    static func localPath(of entry: String, prefix: String, destination: String) throws(LabelError) -> String? {
        guard entry.hasPrefix(prefix) else { throw LabelError("tar contents corrupted") }
        let target = join(destination, String(entry.dropFirst(prefix.count)))
        let base = clean(destination)
        guard target == base || base == "." && !target.hasPrefix("../") && target != ".." && !target.hasPrefix("/")
            || target.hasPrefix(base == "/" ? "/" : base + "/")
        else { return nil }
        return target
    }
}
