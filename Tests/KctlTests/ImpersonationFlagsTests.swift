import ArgumentParser
import Testing
import Wire

@testable import kctl

/// `--as` and `--as-group` (kubectl's impersonation flags): parsed as global flags (also before the subcommand),
/// and written into every request the wire client sends.
@Suite struct ImpersonationFlagsTests {
    @Test func theFlags_parseAnywhere_andMakeTheImpersonation() throws {
        let get = try #require(try Kctl.parseAsRoot(
            GlobalArgumentHoisting.hoist(["--as", "jane", "get", "pods", "--as-group=dev", "--as-group", "ops"])) as? Get)
        #expect(get.global.impersonation == WireImpersonation(user: "jane", groups: ["dev", "ops"]))
        let plain = try #require(try Kctl.parseAsRoot(["get", "pods"]) as? Get)
        #expect(plain.global.impersonation == nil)
        let sa = try #require(try Kctl.parseAsRoot(["auth", "whoami", "--as=system:serviceaccount:apps:robot"]) as? AuthWhoAmI)
        #expect(sa.global.impersonation == WireImpersonation(user: "system:serviceaccount:apps:robot"))
    }

    @Test func theCurrentImpersonation_isWrittenIntoRequests_thatNameNoneThemselves() {
        let request = Request(verb: .list, kind: "Pod")
        #expect(WireImpersonation.applied(to: request) == request)
        WireImpersonation.$current.withValue(WireImpersonation(user: "jane", groups: ["dev"])) {
            let applied = WireImpersonation.applied(to: request)
            #expect(applied.impersonateUser == "jane" && applied.impersonateGroups == ["dev"])
            var own = request
            own.impersonateUser = "bob"
            #expect(WireImpersonation.applied(to: own) == own)
        }
        WireImpersonation.$current.withValue(WireImpersonation(user: "jane")) {
            #expect(WireImpersonation.applied(to: request).impersonateGroups == nil)
        }
    }
}
