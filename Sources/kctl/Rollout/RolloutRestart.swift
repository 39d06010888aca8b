import Foundation
import KubeAPI
import Wire

/// `kubectl rollout restart`: the template annotation that makes the controller replace every pod (kubectl's
/// `polymorphichelpers/objectrestarter.go`). Pure: the time is a parameter.
enum RolloutRestart {
    /// The pod-template annotation carrying the restart time.
    static let annotation = "kubectl.kubernetes.io/restartedAt"

    /// The strategic merge patch that sets ``annotation`` to `time` on the pod template of `object` (a
    /// Deployment, DaemonSet or StatefulSet), or nil when the annotation already has that value (kubectl then reports an empty
    /// patch).
    /// - Throws: ``RolloutError`` `deployments.apps "x" can't restart paused deployment (run rollout resume first)`,
    ///   or `replicasets.apps "x" restarting is not supported` for other kinds.
    static func patch(for object: JSONValue, kind: ResourceKind, time: String) throws(RolloutError) -> JSONValue? {
        let o = JSONFields(object)
        let subject = "\(kind.groupResource) \(GoQuote.quote(o.name))"
        guard kind == .deployment || kind == .daemonSet || kind == .statefulSet else {
            throw RolloutError("error: \(subject) restarting is not supported")
        }
        if kind == .deployment && o.bool("spec", "paused") == true {
            throw RolloutError("error: \(subject) can't restart paused deployment (run rollout resume first)")
        }
        var modified = object
        modified[path: ["spec", "template", "metadata", "annotations", annotation]] = .string(time)
        return StrategicMergePatch.twoWay(original: object, modified: modified, kind: kind.kind)
    }

    /// Go's `time.RFC3339` layout (`2006-01-02T15:04:05Z07:00`) of `date` in `timeZone`, as kubectl formats
    /// `time.Now()`: `Z` for UTC, else the offset as `+08:00`.
    static func timestamp(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        let zone: String
        if offset == 0 {
            zone = "Z"
        } else {
            let minutes = abs(offset) / 60
            zone = (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
        }
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, secondOfDay / 3600, (secondOfDay % 3600) / 60,
            secondOfDay % 60) + zone
    }
}
