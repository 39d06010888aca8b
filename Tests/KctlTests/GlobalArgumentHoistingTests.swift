import Testing

@testable import kctl

@Suite struct GlobalArgumentHoistingTests {
    @Test func leadingGlobalFlags_moveBehindTheSubcommand() {
        #expect(GlobalArgumentHoisting.hoist(["--kubeconfig", "k", "apply", "-f", "x"])
            == ["apply", "-f", "x", "--kubeconfig", "k"])
        #expect(GlobalArgumentHoisting.hoist(["-n", "ns", "--context=c", "get", "pods"])
            == ["get", "pods", "-n", "ns", "--context=c"])
    }

    @Test func terminatorKeepsItsPlace_andOtherFlagsStayPut() {
        #expect(GlobalArgumentHoisting.hoist(["--kubeconfig", "k", "exec", "p", "--", "sh"])
            == ["exec", "p", "--kubeconfig", "k", "--", "sh"])
        #expect(GlobalArgumentHoisting.hoist(["get", "pods", "-n", "x"]) == ["get", "pods", "-n", "x"])
        #expect(GlobalArgumentHoisting.hoist(["--help"]) == ["--help"])
    }
}
