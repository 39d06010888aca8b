import TestSupport
import Testing

/// The differential suite's normaliser and diff (TestSupport): ages become `<age>`, nothing else changes.
@Suite struct OutputNormaliserTests {
    @Test func ageColumnsAreCutOutWhateverTheirWidth() {
        let early = """
            NAME     READY   STATUS    RESTARTS   AGE   IP
            web-1    1/1     Running   0          9s    10.0.0.1
            """
        let later = """
            NAME     READY   STATUS    RESTARTS   AGE    IP
            web-1    1/1     Running   0          10s    10.0.0.1
            """
        let expected = """
            NAME     READY   STATUS    RESTARTS   <age>  IP
            web-1    1/1     Running   0          <age>  10.0.0.1
            """
        #expect(OutputNormaliser.normalise(early) == expected)
        #expect(OutputNormaliser.normalise(later) == expected)
    }

    @Test func misalignedColumnsBeforeTheAgeStillDiffer() {
        // `--no-headers`-style widths against header widths: the columns before AGE must still match exactly.
        let aligned = "NAME    STATUS    AGE\nweb-1   Running   9s\n"
        let misaligned = "NAME    STATUS    AGE\nweb-1   Running  9s\n"
        #expect(OutputNormaliser.normalise(aligned) != OutputNormaliser.normalise(misaligned))
    }

    @Test func lastColumnAgesAndSeveralTablesAndEventsTables() {
        let text = """
            NAME    AGE
            a       5m
            b       3m52s

            LAST SEEN   TYPE     REASON
            2m59s       Normal   Pulled
            3m          Normal   Created
            """
        #expect(
            OutputNormaliser.normalise(text) == """
                NAME    <age>
                a       <age>
                b       <age>

                <age>  TYPE     REASON
                <age>  Normal   Pulled
                <age>  Normal   Created
                """)
        let describe = """
            Events:
              Type    Reason     Age                From     Message
              ----    ------     ----               ----     -------
              Normal  Pulled     3m (x2 over 5m)    kubelet  pulled in 0s
            Other:  x
            """
        #expect(
            OutputNormaliser.normalise(describe) == """
                Events:
                  Type    Reason     <age>  From     Message
                  ----    ------     <age>  ----     -------
                  Normal  Pulled     <age>  kubelet  pulled in 0s
                Other:  x
                """)
    }

    @Test func headerlessDurationsAndOtherTextAlone() {
        #expect(OutputNormaliser.normalise("web-1   1/1   20s     x\n") == "web-1   1/1   <age> x\n")
        #expect(OutputNormaliser.normalise("a  3m52s") == "a  <age>")
        let untouched = "image: redis:4.0-alpine\nmaxmemory 64mb\nport: 6379/TCP\nName:  x\nv1.32.0 10s-ish (5s)\n"
        #expect(OutputNormaliser.normalise(untouched) == untouched)
        #expect(OutputNormaliser.isDuration(ArraySlice("2y3d")))
        #expect(!OutputNormaliser.isDuration(ArraySlice("64mb")))
        #expect(!OutputNormaliser.isDuration(ArraySlice("5")))
    }

    @Test func lineDiffShowsChangesWithContext() {
        #expect(LineDiff.render("a\nb", "a\nb") == "")
        let old = "1\n2\n3\n4\n5\n6\n7\n8"
        let new = "1\n2\n3\n4\nfive\n6\n7\n8"
        #expect(LineDiff.render(old, new) == "...\n  3\n  4\n- 5\n+ five\n  6\n  7\n...\n")
        #expect(LineDiff.render("x", "") == "- x\n+ \n")
    }
}
