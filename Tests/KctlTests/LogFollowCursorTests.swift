import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl logs -f` picks the log up after a reconnection without repeating or losing a line.
@Suite struct LogFollowCursorTests {
    static let t1 = "2026-12-07T16:00:01.000000001Z"
    static let t2 = "2026-12-07T16:00:02.500000000Z"
    static let t3 = "2026-12-07T16:00:03.000000000Z"

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    static var request: Request {
        var request = Request(verb: .get, kind: "Pod", namespace: "default", name: "p")
        request.subresource = Request.logSubresource
        request.follow = true
        request.timestamps = true
        request.tailLines = 10
        return request
    }

    @Test func feed_stripsTheTimestamps_unlessAsked_acrossChunkBoundaries() {
        var cursor = LogFollowCursor(showTimestamps: false)
        var printed = cursor.feed(Self.bytes("\(Self.t1) one\n\(Self.t2) tw"))
        printed += cursor.feed(Self.bytes("o\n\(String(Self.t3.prefix(10)))"))
        printed += cursor.feed(Self.bytes("\(String(Self.t3.dropFirst(10))) three\n"))
        #expect(Self.text(printed) == "one\ntwo\nthree\n")
        var stamped = LogFollowCursor(showTimestamps: true)
        #expect(Self.text(stamped.feed(Self.bytes("\(Self.t1) one\n"))) == "\(Self.t1) one\n")
    }

    @Test func resume_asksSinceTheLastLine_andSkipsWhatWasPrinted() {
        var cursor = LogFollowCursor(showTimestamps: false)
        let printed = cursor.feed(Self.bytes("\(Self.t1) one\n\(Self.t2) two\n\(Self.t2) two again\n\(Self.t3) thr"))
        #expect(Self.text(printed) == "one\ntwo\ntwo again\nthr")
        let now = Timestamp.parse("2026-12-07T16:00:10Z")!
        let resumed = cursor.resume(Self.request, now: now)
        #expect(resumed.sinceSeconds == 8)
        #expect(resumed.tailLines == nil)
        #expect(resumed.timestamps == true && resumed.follow == true)
        // The new stream repeats everything since 16:00:02.
        let again = cursor.feed(
            Self.bytes("\(Self.t2) two\n\(Self.t2) two again\n\(Self.t3) three\n\(Self.t3) four\n"))
        #expect(Self.text(again) == "ee\nfour\n")
    }

    @Test func resume_afterCompleteLines_withTimestampsShown_printsOnlyNewLines() {
        var cursor = LogFollowCursor(showTimestamps: true)
        _ = cursor.feed(Self.bytes("\(Self.t1) one\n\(Self.t2) two\n"))
        _ = cursor.resume(Self.request, now: Timestamp.parse("2026-12-07T16:00:03Z")!)
        let again = cursor.feed(Self.bytes("\(Self.t1) one\n\(Self.t2) two\n\(Self.t2) more\n\(Self.t3) three\n"))
        #expect(Self.text(again) == "\(Self.t2) more\n\(Self.t3) three\n")
        // A second resume skips what the first one printed.
        _ = cursor.resume(Self.request, now: Timestamp.parse("2026-12-07T16:00:04Z")!)
        #expect(Self.text(cursor.feed(Self.bytes("\(Self.t3) three\n\(Self.t3) four\n"))) == "\(Self.t3) four\n")
    }

    @Test func resume_beforeAnyLine_repeatsTheRequestAsItWas() {
        var cursor = LogFollowCursor(showTimestamps: false)
        #expect(cursor.resume(Self.request, now: Date()) == Self.request)
        #expect(Self.text(cursor.feed(Self.bytes("\(Self.t1) one\n"))) == "one\n")
    }
}
