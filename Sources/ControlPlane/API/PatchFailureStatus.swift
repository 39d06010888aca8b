import KubeAPI

/// The Status for a patch that could not be applied, as Kubernetes answers it: a JSON patch that is not an array of
/// operation objects cannot be decoded (400 BadRequest, saying why), while one that decodes but does not apply (a
/// `test` that does not match, a path that does not exist, an unknown operation) is 422 Invalid with Kubernetes'
/// generic text and empty details (kubectl prints `The request is invalid: the server rejected our request due to an
/// error in our request`); merge and strategic merge patches that cannot be applied are 400 BadRequest saying why.
/// Pure.
enum PatchFailureStatus {
    /// Kubernetes' message for a JSON patch that does not apply.
    static let notApplied = "the server rejected our request due to an error in our request"

    /// The Status for `error`, thrown while applying `patch` of type `type`.
    static func status(for error: any Error, patch: JSONValue, type: PatchType) -> Status {
        guard type == .json, let operations = patch.arrayValue, operations.allSatisfy({ $0.objectValue != nil }) else {
            return Status.badRequest((error as? PatchError)?.message ?? "\(error)")
        }
        return Status(code: 422, reason: .invalid, message: notApplied, details: StatusDetails())
    }
}
