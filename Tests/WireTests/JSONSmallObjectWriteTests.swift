import Foundation
import KubeAPI
import Testing

/// JSON text of objects of up to two members is written without sorting them into an array; every object's keys must
/// still come out in UTF-8 byte order, whatever its size.
@Suite struct JSONSmallObjectWriteTests {
    static func text(_ value: JSONValue) -> String { String(decoding: value.canonicalJSON, as: UTF8.self) }

    /// The text as the sorted writer makes it, for values of integers, plain strings, arrays and objects.
    static func reference(_ value: JSONValue) -> String {
        switch value {
        case .int(let integer): return String(integer)
        case .string(let string): return "\"\(string)\""
        case .array(let elements): return "[" + elements.map(reference).joined(separator: ",") + "]"
        case .object(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return "{" + sorted.map { "\"\($0.key)\":" + reference($0.value) }.joined(separator: ",") + "}"
        default: return "?"
        }
    }

    @Test func smallObjects_keepByteOrder() {
        #expect(Self.text([:]) == "{}")
        #expect(Self.text(["b": 1]) == #"{"b":1}"#)
        #expect(Self.text(["b": 1, "a": 2]) == #"{"a":2,"b":1}"#)
        #expect(Self.text(["a": 2, "b": 1]) == #"{"a":2,"b":1}"#)
        #expect(Self.text(["ab": 1, "a": 2]) == #"{"a":2,"ab":1}"#)
        #expect(Self.text(["é": 1, "z": 2]) == #"{"z":2,"é":1}"#)
        #expect(Self.text(["f:x": [:], ".": [:]]) == #"{".":{},"f:x":{}}"#)
        let fieldsV1: JSONValue = [
            "f:metadata": ["f:labels": [".": [:], "f:app": [:]]],
            "f:spec": ["f:containers": [#"k:{"name":"c"}"#: [".": [:], "f:image": [:], "f:name": [:]]]],
        ]
        #expect(Self.text(fieldsV1) == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"#
            + #""f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{}}}}}"#)
    }

    @Test func generatedObjectsOfEverySize_writeAsTheSortedWriterDoes() {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let keys = ["a", "b", "ab", "ba", "f:x", "f:y", ".", "k:1", "v:2", "Z", "é", "z", ""]
        func value(_ depth: Int) -> JSONValue {
            switch depth > 3 ? next(2) : next(5) {
            case 0: return .int(Int64(next(100)))
            case 1: return .string(keys[next(keys.count)])
            case 2: return .array((0..<next(3)).map { _ in value(depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<next(5) { members[keys[next(keys.count)]] = value(depth + 1) }
                return .object(members)
            }
        }
        var sizes = Set<Int>()
        for _ in 0..<2_000 {
            let object = value(0)
            if case .object(let members) = object { sizes.insert(members.count) }
            #expect(Self.text(object) == Self.reference(object))
        }
        #expect(sizes.isSuperset(of: [0, 1, 2, 3]))
    }
}
