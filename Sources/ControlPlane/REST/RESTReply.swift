import KubeAPI
import Wire

/// The answer to one HTTP request, before it is written.
enum RESTReply: Sendable {
    /// A whole body with its status code.
    case full(status: Int, contentType: String, body: [UInt8])
    /// A watch: a 200 whose chunked body is one JSON event per line, for as long as the watch runs.
    case watch(Request, contentType: String)
    /// `pods/log`: a 200 `text/plain` body streamed as the container writes, its head sent with the first bytes
    /// (a failure before any is an ordinary Status reply).
    case log(Request)
    /// `reply`, with warnings for the client (`Warning: 299 - "..."` headers; kubectl prints each).
    indirect case warned([String], RESTReply)

    /// `value` as compact JSON.
    static func json(_ value: JSONValue, status: Int = 200, contentType: String = "application/json") -> RESTReply {
        .full(status: status, contentType: contentType, body: value.canonicalJSON)
    }

    /// A failure as Kubernetes' Status, with its code as the HTTP status (500 for a code outside 400-599).
    static func failure(_ status: Status) -> RESTReply {
        let value = (try? JSONValue(encoding: status)) ?? ["kind": "Status", "status": "Failure"]
        return json(value, status: (400...599).contains(status.code) ? status.code : 500)
    }

    /// One line of a watch body: `{"type":"ADDED","object":{...}}` and a newline (the Python client splits on it).
    static func eventLine(type: String, object: JSONValue) -> [UInt8] {
        let event: JSONValue = ["type": .string(type), "object": object]
        return event.canonicalJSON + [UInt8(ascii: "\n")]
    }
}
