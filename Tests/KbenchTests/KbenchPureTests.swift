import Synchronization
import Testing

@testable import kbench

/// kbench's pure helpers: the watch stream's line splitting, a self-contained report block replacing its old copy,
/// and counting the benchmark's pods in kubectl's and kctl's output.
struct KbenchPureTests {
    @Test func lineSplitter_keepsAPartialLine_untilItsNewlineArrives() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array(#"{"type":"ADDED"}"#.utf8) + [10] + Array(#"{"ty"#.utf8)).map {
            String(decoding: $0, as: UTF8.self)
        } == [#"{"type":"ADDED"}"#])
        #expect(splitter.append(Array(#"pe":"MODIFIED"}"#.utf8)).isEmpty)
        #expect(splitter.append([10, 10]).map { String(decoding: $0, as: UTF8.self) } == [#"{"type":"MODIFIED"}"#])
    }

    @Test func reportBlock_replacesItsOldCopy_orIsAppended() {
        var section = Section(title: "Kubernetes API over HTTPS", marker: "https")
        section.figures = [Figure(what: "w", target: "t", measured: "1 ms", verdict: .metNoting("n"))]
        section.notes = ["a note"]
        let block = ReportBlock.markdown(section, marker: "https", preface: ["Run alone."])
        #expect(block.hasPrefix("<!-- kbench:https -->\n## Kubernetes API over HTTPS\n\nRun alone.\n\n| what |"))
        #expect(block.contains("| w | t | 1 ms | met (n) |"))
        #expect(block.hasSuffix("- a note\n<!-- /kbench:https -->"))

        let appended = ReportBlock.splice(block, marker: "https", into: "# Benchmarks\n\n## Figures\n")
        #expect(appended == "# Benchmarks\n\n## Figures\n\n" + block + "\n")
        let old = "# Benchmarks\n\n<!-- kbench:https -->\nold figures\n<!-- /kbench:https -->\n\n## Later\n"
        #expect(ReportBlock.splice(block, marker: "https", into: old) == "# Benchmarks\n\n" + block + "\n\n## Later\n")
    }

    @Test(.timeLimit(.minutes(1))) func startGate_opensOnce_whenEveryPartyHasArrivedOrAbandoned() async {
        let openings = Mutex(0)
        let gate = StartGate(parties: 3) { openings.withLock { $0 += 1 } }
        #expect(gate.opened == nil)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await gate.arrive() }
            group.addTask { await gate.arrive() }
            group.addTask { gate.abandon() }
        }
        // Every party got through, so the gate opened, and only once.
        #expect(gate.opened != nil)
        #expect(openings.withLock { $0 } <= 1)
    }

    @Test func podsListed_countsTableLines_andJSONItems() throws {
        let table = "NAME READY\nhttps-list-0 0/1\nhttps-list-1 0/1\nother 1/1\n"
        #expect(try KubectlListBench.podsListed(table, json: false) == 2)
        let json = #"{"items":[{"metadata":{"name":"https-list-0"}},{"metadata":{"name":"x"}}],"kind":"List"}"#
        #expect(try KubectlListBench.podsListed(json, json: true) == 1)
        #expect(throws: (any Error).self) { try KubectlListBench.podsListed("not json", json: true) }
    }
}
