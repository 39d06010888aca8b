import Foundation
import KubeAPI
import Wire

/// `kubectl get configmaps`: `NAME DATA AGE`, DATA counting the keys of `data` and `binaryData`.
enum ConfigMapColumns: ResourceColumns {
    static let columns = [TableColumn("NAME", isName: true), TableColumn("DATA"), TableColumn("AGE")]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let o = JSONFields(object)
        let count = (object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)
        return [o.name, String(count), HumanDuration.since(o.creationTimestamp, now: now)]
    }
}

/// `kubectl get secrets`: `NAME TYPE DATA AGE`.
enum SecretColumns: ResourceColumns {
    static let columns = [
        TableColumn("NAME", isName: true), TableColumn("TYPE"), TableColumn("DATA"), TableColumn("AGE"),
    ]

    static func cells(for object: JSONValue, now: Date) -> [String] {
        let o = JSONFields(object)
        return [
            o.name, o.string("type") ?? "", String(object["data"]?.objectValue?.count ?? 0),
            HumanDuration.since(o.creationTimestamp, now: now),
        ]
    }
}
