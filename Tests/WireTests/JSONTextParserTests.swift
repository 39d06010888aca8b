import Foundation
import Testing

@testable import KubeAPI

/// The one-pass JSON parser against Foundation's `JSONSerialization` (what the project parsed with before): the same
/// values for what Foundation accepts, failures for what it refuses, and JSONDecoder's reading of numbers.
@Suite struct JSONTextParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONTextParser.parse(Data(text.utf8)) }

    /// `JSONSerialization`'s result converted as the project used to convert it: the oracle.
    private func foundation(_ text: String) throws -> JSONValue {
        try convert(JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    private func convert(_ parsed: Any) throws -> JSONValue {
        switch parsed {
        case let string as String: return .string(string)
        case let members as [String: Any]: return .object(try members.mapValues(convert))
        case let elements as [Any]: return .array(try elements.map(convert))
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c", String(describing: Swift.type(of: number)).contains("Boolean") { return .bool(number.boolValue) }
            switch type {
            case "d", "f":
                let double = number.doubleValue
                return Int64(exactly: double).map(JSONValue.int) ?? .double(double)
            case "Q", "L", "I", "S", "C":
                let unsigned = number.uint64Value
                return unsigned <= UInt64(Int64.max) ? .int(Int64(unsigned)) : .double(number.doubleValue)
            default:
                return .int(number.int64Value)
            }
        case is NSNull: return .null
        default: throw JSONTextParser.Failure(offset: 0, reason: "unexpected \(type(of: parsed))")
        }
    }

    @Test func acceptedTexts_parseAsFoundationParsesThem() throws {
        let texts = [
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}]}]}}"#,
            #"[0, -0, 1, -1, 42, 1.5, -2.25, 1e3, 1E-2, 2.5e+3, 1.0, 100e-2, 9223372036854775807, -9223372036854775808]"#,
            #"[9223372036854775808, -9223372036854775809, 18446744073709551616, 123456789012345678901234567890]"#,
            #"[0.1, 3.141592653589793, 1e-300, 5e-324, 1.7976931348623157e308, 4.9e-324]"#,
            #"["", "plain", "é 😀 中文", "esc \" \\ \/ \b \f \n \r \t", "\u0041\u00e9\u4e2d\ud83d\ude00", "\u0000"]"#,
            "  \n\t{ \"a\" : [ 1 , 2 ] , \"b\" : { } , \"c\" : [ ] }  \r\n",
            #"true"#, #"false"#, #"null"#, #""top""#, #"7"#, #"-0.0"#,
            #"{"a":1,"a":2}"#, #"{"a":[1,2,],"b":{"c":1,},}"#,
        ]
        for text in texts {
            #expect(try parse(text) == foundation(text), "\(text)")
        }
    }

    @Test func refusedTexts_throw() {
        let texts = [
            "", " ", "{", "}", "[", "[1", "{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{a:1}", "[01]", "[-]", "[1.]", "[.5]",
            "[1e]", "[1e+]", "[+1]", "[1 2]", "nul", "tru", "[true false]", "\"open", "\"bad \\x escape\"",
            "\"\\u12\"", "\"\\uZZZZ\"", "\"\\ud83d\"", "\"\\ude00\"", "\"raw \n newline\"", "{} {}", "[1]x", "1e400",
            "-1e400", "[,]", "{,}",
        ]
        for text in texts {
            #expect(throws: JSONTextParser.Failure.self, "\(text)") { try parse(text) }
            #expect(throws: (any Error).self, "Foundation accepts \(text)") { try foundation(text) }
        }
    }

    @Test func invalidUTF8_andDeepNesting_throw_andAByteOrderMarkIsSkipped() throws {
        #expect(throws: JSONTextParser.Failure.self) { try JSONTextParser.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
        #expect(throws: JSONTextParser.Failure.self) {
            try parse(String(repeating: "[", count: 513) + String(repeating: "]", count: 513))
        }
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try parse(deep) == foundation(deep))
        #expect(try JSONTextParser.parse(Data([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8))) == ["a": 1])
    }

    @Test func bytesInPlace_parseLikeData() throws {
        let text = #"{"type":"response","id":7,"object":{"kind":"Pod"}}"#
        let value = try Array(text.utf8).withUnsafeBytes { try JSONValue(jsonBytes: $0) }
        #expect(value == (try parse(text)))
    }
}
