import KubeAPI

extension RESTErrors {
    /// The Status of a watch's `ERROR` event, as Kubernetes sends it: a start too old for the retained history (or a
    /// watcher cut off for falling behind) is `410` with reason `Expired` (the API server's own statuses say `Gone`,
    /// which the frame protocol keeps); every other failure is passed on as it is. Pure.
    static func watchFailure(_ status: Status) -> Status {
        guard status.code == 410 else { return status }
        return Status(code: 410, reason: StatusReason(rawValue: "Expired"), message: status.message ?? "")
    }
}
