import KubeAPI
import Synchronization

/// Kubernetes' field validation of one write (the `fieldValidation` query parameter): what becomes of fields the kind
/// does not declare and of fields the request body gives twice. `Strict` fails the write with strict decoding's
/// BadRequest; `Warn` drops them and reports each as a warning (`unknown field "spec.foo"`); `Ignore` drops them
/// silently.
///
/// The REST front door sets one for the duration of a request (``current``) and admission consults it
/// (``KindAdmission``'s unknown-field check, one implementation for every caller). Without one (the frame protocol,
/// in-process callers) a write is `Strict`, as it always was.
final class FieldValidation: Sendable {
    /// The three directives, as Kubernetes spells them.
    enum Directive: String, Sendable, CaseIterable {
        case strict = "Strict"
        case warn = "Warn"
        case ignore = "Ignore"
    }

    /// How the body relates to the object admission checks, which decides the order problems are listed in.
    enum Body: Sendable, Equatable {
        /// The body is the object (create, update): problems in document order, a key both unknown and repeated
        /// named once, as unknown.
        case object(JSONFieldScan)
        /// The body is a merge or strategic-merge patch: its repeated keys in document order, then the patched
        /// object's unknown fields, sorted.
        case patch(JSONFieldScan)
        /// The body is a JSON patch: each operation's unknown and repeated members (`json patch unknown field
        /// "[0].foo"`), then the patched object's unknown fields, sorted.
        case jsonPatch(JSONFieldScan)
        /// Nothing known about the body (YAML, or no scan): unknown fields, sorted.
        case unscanned
    }

    /// The operation members of a JSON patch.
    static let jsonPatchMembers: Set<String> = ["op", "path", "value", "from"]

    @TaskLocal static var current: FieldValidation?

    let directive: Directive
    let body: Body
    private let recorded = Mutex<[String]>([])

    init(_ directive: Directive, body: Body) {
        self.directive = directive
        self.body = body
    }

    /// The directive a query value names; absent or empty is Kubernetes' default, `Warn`.
    /// - Throws: 400 for any other value.
    static func directive(_ value: String?) throws -> Directive {
        guard let value, !value.isEmpty else { return .warn }
        guard let directive = Directive(rawValue: value) else {
            throw Status.badRequest(
                "fieldValidation: Unsupported value: \"\(value)\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
        }
        return directive
    }

    /// The warnings of a `Warn` write (empty otherwise), as the last admission that consulted this recorded them.
    var warnings: [String] { recorded.withLock { $0 } }

    /// Applies the directive to an object whose unknown fields are `unknown` (sorted paths): Strict throws
    /// `failure` of strict decoding's text when there is any problem; Warn records them; Ignore does nothing.
    func check(unknown: [String], failure: (String) -> Status) throws {
        let found = problems(unknown: unknown)
        switch directive {
        case .strict:
            guard found.isEmpty else { throw failure("strict decoding error: " + found.joined(separator: ", ")) }
        case .warn:
            // Set, not appended: a write retried after a lost race is admitted again.
            recorded.withLock { $0 = found }
        case .ignore:
            return
        }
    }

    /// Whether there is anything to report even when no field is unknown.
    var hasDuplicates: Bool {
        switch body {
        case .object(let scan), .patch(let scan): !scan.duplicates.isEmpty
        case .jsonPatch(let scan): !Self.jsonPatchProblems(scan).isEmpty
        case .unscanned: false
        }
    }

    /// Every problem, worded and ordered as Kubernetes reports them.
    func problems(unknown: [String]) -> [String] {
        let unknownTexts = unknown.map { "unknown field \"\($0)\"" }
        switch body {
        case .unscanned:
            return unknownTexts
        case .patch(let scan):
            return scan.duplicates.map { "duplicate field \"\($0)\"" } + unknownTexts
        case .jsonPatch(let scan):
            return Self.jsonPatchProblems(scan) + unknownTexts
        case .object(let scan):
            let unknownSet = Set(unknown)
            var reported = Set<String>()
            var found: [String] = []
            for occurrence in scan.occurrences where !Self.isInside(occurrence.path, anyOf: unknownSet) {
                if unknownSet.contains(occurrence.path) {
                    if reported.insert(occurrence.path).inserted { found.append("unknown field \"\(occurrence.path)\"") }
                } else if occurrence.duplicate {
                    found.append("duplicate field \"\(occurrence.path)\"")
                }
            }
            // Unknown fields the scan did not see (it stops at text it cannot read) still count.
            return found + unknown.filter { !reported.contains($0) }.map { "unknown field \"\($0)\"" }
        }
    }

    /// The problems of a JSON patch's operations: members other than op/path/value/from, and repeated members.
    private static func jsonPatchProblems(_ scan: JSONFieldScan) -> [String] {
        scan.occurrences.compactMap { occurrence in
            // `[0].op`: a member of an operation; deeper keys belong to values.
            guard occurrence.path.hasPrefix("["), let close = occurrence.path.firstIndex(of: "]") else { return nil }
            let rest = occurrence.path[occurrence.path.index(after: close)...]
            guard rest.hasPrefix("."), !rest.dropFirst().contains("."), !rest.dropFirst().contains("[") else { return nil }
            if occurrence.duplicate { return "json patch duplicate field \"\(occurrence.path)\"" }
            if !jsonPatchMembers.contains(String(rest.dropFirst())) { return "json patch unknown field \"\(occurrence.path)\"" }
            return nil
        }
    }

    /// Whether `path` lies inside one of `paths` (a member or element of it).
    private static func isInside(_ path: String, anyOf paths: Set<String>) -> Bool {
        var current = Substring(path)
        while let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) {
            current = current[..<cut]
            if paths.contains(String(current)) { return true }
        }
        return false
    }
}
