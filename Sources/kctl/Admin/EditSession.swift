import KubeAPI
import Wire

/// One patch `kctl edit` sends: a strategic merge patch from the object as fetched to the object as edited.
struct EditPatch: Sendable, Equatable {
    var kind: ResourceKind
    /// nil for cluster-scoped kinds.
    var namespace: String?
    var name: String
    var patch: JSONValue
}

/// One `kctl edit` session, as kubectl's edit loop (`cmd/util/editor/editoptions.go`): the file the editor gets,
/// what the saved file means, and the bookkeeping of failed patches that decides whether the file is reopened
/// with the failures as comments. Pure: the command runs the editor and sends the requests.
///
/// The loop: ``fileText()``, run the editor, ``review(_:)``; for `.apply`, send each patch and ``record(_:for:)``
/// its failure, then ``finish()`` says whether to stop or go round again.
struct EditSession: Sendable {
    enum Format: Sendable, Equatable {
        case yaml, json
    }

    /// One edited object to act on, in file order.
    enum Step: Sendable, Equatable {
        /// Identical to the object as fetched: printed as `<kind>/<name> skipped`.
        case skip(JSONValue)
        case patch(EditPatch)
    }

    /// What a saved file means.
    enum Review: Sendable, Equatable {
        /// Saved unchanged after a failed attempt: `error: Edit cancelled, no valid changes were saved.` (the file
        /// is kept).
        case noValidChanges
        /// Saved unchanged: `Edit cancelled, no changes made.` (the file is removed).
        case noChanges
        /// Saved with nothing but comments: `Edit cancelled, saved file was empty.`.
        case empty
        /// The file did not parse; the error is now in the header: show the file again.
        case reopen
        /// Stop with this error (the file is kept).
        case failed(String)
        /// Act on these objects in order, then, if `failure` is set, stop with it (the file is kept).
        case apply([Step], failure: String?)
    }

    /// What to do once the patches were sent.
    enum Finish: Sendable, Equatable {
        /// Everything applied: remove the file, exit 0.
        case done
        /// A failure other than Invalid or NotFound: point to the file and exit 1.
        case retryable
        /// An object was deleted meanwhile: point to the file and exit 1.
        case notFound
        /// Invalid objects: show the file again with the causes in the header.
        case reopen
    }

    /// The source name kubectl's builder gives the edited stream.
    static let source = "edited-file"

    let format: Format
    /// The namespace of the command (`-n`, else the context's): edited objects may not move elsewhere.
    let namespace: String
    /// The objects as fetched, without `metadata.managedFields` (kubectl hides them in the editor).
    let originals: [JSONValue]

    private var reasons: [EditText.Reason] = []
    private var containsError = false
    private var original = ""
    private var edited = ""
    private var invalidCount = 0
    private var notFoundCount = 0
    private var retryableCount = 0

    init(objects: [JSONValue], format: Format, namespace: String) {
        self.format = format
        self.namespace = namespace
        self.originals = objects.map { object in
            var object = object
            if var metadata = object["metadata"]?.objectValue {
                metadata["managedFields"] = nil
                object["metadata"] = .object(metadata)
            }
            return object
        }
    }

    /// The file extension kubectl uses for the format.
    var fileExtension: String { format == .json ? ".json" : ".yaml" }

    /// The text to put in the editor: the header with the last failures (YAML only), then the objects, or after a
    /// failure the text last saved without its comments.
    mutating func fileText() -> String {
        var text = format == .yaml ? EditText.header(reasons: reasons) : ""
        if containsError {
            text += EditText.manualStrip(edited)
        } else {
            text += rendered()
            original = text
        }
        return text
    }

    /// Decides what a saved file means.
    mutating func review(_ saved: String) -> Review {
        let previous = edited
        edited = saved
        if containsError && EditText.sameContent(previous, saved) { return .noValidChanges }
        if EditText.sameContent(original, saved) { return .noChanges }
        if !EditText.hasLines(saved) { return .empty }
        reasons = []
        invalidCount = 0
        notFoundCount = 0
        retryableCount = 0
        let objects: [JSONValue]
        do {
            objects = try Self.parse(saved)
        } catch {
            containsError = true
            reasons.append(EditText.Reason(head: "The edited file had a syntax error: \(error)"))
            return .reopen
        }
        containsError = false
        var placed: [JSONValue] = []
        for object in objects {
            switch placeInNamespace(object) {
            case .success(let object): placed.append(object)
            case .failure(let error): return .failed(error.description)
            }
        }
        var steps: [Step] = []
        for object in placed {
            switch step(for: object) {
            case .success(let step): steps.append(step)
            case .failure(let error): return .apply(steps, failure: error.description)
            }
        }
        return .apply(steps, failure: nil)
    }

    /// Records a failed patch and returns the stderr line kubectl prints for it.
    mutating func record(_ error: any Error, for patch: EditPatch) -> String {
        let resource = patch.kind.groupResource
        if let status = error as? Status, status.reason == .invalid {
            invalidCount += 1
            let causes = (status.details?.causes ?? []).map(EditText.causeLine)
            reasons.append(EditText.Reason(head: "\(resource) \"\(patch.name)\" was not valid", other: causes))
            return "error: \(resource) \"\(patch.name)\" is invalid"
        }
        if let status = error as? Status, status.reason == .notFound {
            notFoundCount += 1
            return "error: \(resource) \"\(patch.name)\" could not be found on the server"
        }
        retryableCount += 1
        return "error: \(resource) \"\(patch.name)\" could not be patched: \(KubectlErrors.message(error))"
    }

    /// What to do after the patches of a round were sent.
    mutating func finish() -> Finish {
        if retryableCount > 0 { return .retryable }
        if notFoundCount > 0 { return .notFound }
        if invalidCount == 0 { return .done }
        containsError = !reasons.isEmpty
        return .reopen
    }

    // MARK: - Parts

    private func rendered() -> String {
        let document: JSONValue =
            originals.count == 1
            ? originals[0] : ["apiVersion": "v1", "kind": "List", "metadata": .object([:]), "items": .array(originals)]
        return format == .json ? JSONPrinter.print(document) : YAMLPrinter.print(document)
    }

    /// The objects of a saved file (lists expanded), each of a kind the API serves.
    static func parse(_ text: String) throws -> [JSONValue] {
        let documents: [JSONValue]
        do {
            documents = try YAMLManifest.documents(from: text)
        } catch {
            throw MessageError("error parsing \(source): \(error)")
        }
        var objects: [JSONValue] = []
        for document in documents {
            let items: [JSONValue]
            if let kind = document["kind"]?.stringValue, kind.hasSuffix("List"), let list = document["items"]?.arrayValue {
                items = list
            } else {
                items = [document]
            }
            for item in items {
                guard let kind = item["kind"]?.stringValue, !kind.isEmpty else {
                    throw MessageError("unable to decode \"\(source)\": Object 'Kind' is missing in '\(item.jsonString())'")
                }
                guard ResourceKind.lookUp(kind: kind) != nil else {
                    let version = item["apiVersion"]?.stringValue ?? ""
                    throw MessageError(
                        "unable to recognize \"\(source)\": no matches for kind \"\(kind)\" in version \"\(version)\"")
                }
                objects.append(item)
            }
        }
        return objects
    }

    /// kubectl's `RequireNamespace`: a namespaced object without a namespace gets the command's; another
    /// namespace is refused.
    private func placeInNamespace(_ object: JSONValue) -> Result<JSONValue, MessageError> {
        guard let kind = ResourceKind.lookUp(kind: object["kind"]?.stringValue ?? ""), kind.namespaced else {
            return .success(object)
        }
        let declared = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        if declared.isEmpty {
            var placed = object
            placed[path: ["metadata", "namespace"]] = .string(namespace)
            return .success(placed)
        }
        guard declared == namespace else {
            return .failure(MessageError(
                "the namespace from the provided object \"\(declared)\" does not match the namespace \"\(namespace)\". You must pass '--namespace=\(declared)' to perform this operation."))
        }
        return .success(object)
    }

    /// The step for one edited object: matched to the fetched object by UID, skipped when identical, refused when
    /// its apiVersion, kind or name changed, else patched.
    private func step(for edited: JSONValue) -> Result<Step, MessageError> {
        let uid = edited[path: ["metadata", "uid"]]?.stringValue ?? ""
        guard let original = originals.first(where: { ($0[path: ["metadata", "uid"]]?.stringValue ?? "") == uid }),
            let kind = ResourceKind.lookUp(kind: edited["kind"]?.stringValue ?? "")
        else {
            let fields = JSONFields(edited)
            return .failure(MessageError(
                "no original object found for \(fields.string("kind") ?? "")/\(fields.name)"))
        }
        if original == edited { return .success(.skip(edited)) }
        let unchanged =
            original["apiVersion"] == edited["apiVersion"] && original["kind"] == edited["kind"]
            && original[path: ["metadata", "name"]] == edited[path: ["metadata", "name"]]
            && original[path: ["metadata", "managedFields"]] == edited[path: ["metadata", "managedFields"]]
        guard unchanged else {
            return .failure(MessageError("At least one of apiVersion, kind and name was changed"))
        }
        let patch = StrategicMergePatch.twoWay(original: original, modified: edited, kind: kind.kind) ?? .object([:])
        let fields = JSONFields(original)
        return .success(.patch(EditPatch(
            kind: kind, namespace: kind.namespaced ? fields.namespace : nil, name: fields.name, patch: patch)))
    }
}
