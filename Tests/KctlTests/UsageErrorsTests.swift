import ArgumentParser
import Testing

@testable import kctl

/// Usage errors in kubectl's words, checked against ArgumentParser's real messages for kctl's real commands.
@Suite struct UsageErrorsTests {
    /// What kctl prints when `arguments` fail to parse (`nil` when they parse).
    static func diagnosis(_ arguments: [String]) -> String? {
        let hoisted = GlobalArgumentHoisting.hoist(arguments)
        do {
            _ = try Kctl.parseAsRoot(hoisted)
            return nil
        } catch {
            let text = Kctl.message(for: error)
            return UsageErrors.diagnose(arguments: hoisted, tree: CommandTree(Kctl.self), parserMessage: text)
                ?? "error: \(text)"
        }
    }

    @Test func unknownCommands_areNamed_withCobrasSuggestions() {
        #expect(Self.diagnosis(["frobnicate", "nodes"]) == "error: unknown command \"frobnicate\" for \"kctl\"")
        #expect(
            Self.diagnosis(["gt", "pods"])
                == "error: unknown command \"gt\" for \"kctl\"\n\nDid you mean this?\n\tget\n\tset\n\tcp")
        #expect(
            Self.diagnosis(["confi"]) == "error: unknown command \"confi\" for \"kctl\"\n\nDid you mean this?\n\tconfig"
        )
        #expect(
            Self.diagnosis(["cluster", "bogus"])
                == "error: unknown command \"bogus\"\nSee 'kctl cluster -h' for help and examples")
        #expect(
            Self.diagnosis(["config", "bogus"])
                == "error: unknown command \"bogus\"\nSee 'kctl config -h' for help and examples")
    }

    @Test func unknownFlagsAndMissingValues_inPflagsWords() {
        #expect(
            Self.diagnosis(["get", "pods", "--bogus"])
                == "error: unknown flag: --bogus\nSee 'kctl get --help' for usage.")
        #expect(
            Self.diagnosis(["get", "pods", "--bogus=3"])
                == "error: unknown flag: --bogus\nSee 'kctl get --help' for usage.")
        #expect(
            Self.diagnosis(["get", "pods", "-x"])
                == "error: unknown shorthand flag: 'x' in -x\nSee 'kctl get --help' for usage.")
        #expect(
            Self.diagnosis(["get", "pods", "-n"])
                == "error: flag needs an argument: 'n' in -n\nSee 'kctl get --help' for usage.")
        #expect(
            Self.diagnosis(["get", "pods", "--namespace"])
                == "error: flag needs an argument: --namespace\nSee 'kctl get --help' for usage.")
        #expect(
            Self.diagnosis(["cluster", "kill-node", "n1", "--namespace", "x"])
                == "error: unknown flag: --namespace\nSee 'kctl cluster kill-node --help' for usage.")
    }

    @Test func namespace_joined_withEquals_orLong_anywhere() throws {
        for arguments in [
            ["get", "pods", "-nkube-system"], ["-nkube-system", "get", "pods"], ["get", "pods", "-n=kube-system"],
            ["get", "pods", "--namespace=kube-system"], ["--namespace=kube-system", "get", "pods"],
            ["-n", "kube-system", "get", "pods"],
        ] {
            let command = try Kctl.parseAsRoot(GlobalArgumentHoisting.hoist(arguments))
            #expect((command as? Get)?.global.namespace == "kube-system", "\(arguments)")
        }
        #expect(Self.diagnosis(["get", "pods", "-nkube-system"]) == nil)
    }

    @Test func globalFlags_stayOutOfClusterCommands_butChooseTheCluster() throws {
        let kill = try Kctl.parseAsRoot(["cluster", "kill-node", "n1", "--context", "kcluster-a", "--kubeconfig", "k"])
        let target = try #require(kill as? ClusterKillNode).target
        #expect(target.selection.context == "kcluster-a" && target.selection.file.kubeconfig == "k")
        #expect(
            Self.diagnosis(["cluster", "create", "--request-timeout", "3"])?.hasPrefix("error: unknown flag") == true)
        #expect(
            Self.diagnosis(["cluster", "list", "-n", "x"])?.hasPrefix("error: unknown shorthand flag: 'n'") == true)
        #expect(
            !ClusterCreate.helpMessage().contains("--namespace") && ClusterCreate.helpMessage().contains("--kubeconfig")
        )
        #expect(!ClusterKillNode.helpMessage().contains("--request-timeout"))
    }

    @Test func leadingJoinedNamespace_isHoisted() {
        #expect(GlobalArgumentHoisting.hoist(["-nkube-system", "get", "pods"]) == ["get", "pods", "-nkube-system"])
        #expect(GlobalArgumentHoisting.hoist(["-n=x", "get", "pods"]) == ["get", "pods", "-n=x"])
    }

    @Test func editDistance_isLevenshtein() {
        #expect(UsageErrors.editDistance("top", "get") == 3)
        #expect(UsageErrors.editDistance("gt", "get") == 1)
        #expect(UsageErrors.editDistance("", "abc") == 3)
        #expect(UsageErrors.editDistance("kitten", "sitting") == 3)
    }

    @Test func requestTimeout_takesDurationsOrSeconds_asKubectlDoes() throws {
        func timeout(_ value: String) throws -> Double? {
            (try Kctl.parseAsRoot(["get", "pods", "--request-timeout", value]) as? Get)?.global.requestTimeout
        }
        #expect(try timeout("5s") == 5 && timeout("1m30s") == 90 && timeout("2") == 2 && timeout("500ms") == 0.5)
        #expect(try timeout("0") == RequestTimeout.unlimited)
        #expect((try Kctl.parseAsRoot(["get", "pods"]) as? Get)?.global.requestTimeout == 30)
        #expect(
            Self.diagnosis(["get", "pods", "--request-timeout", "soon"])
                == "error: invalid argument \"soon\" for \"--request-timeout\" flag\nSee 'kctl get --help' for usage.")
    }
}
