import KubeAPI
import Wire

/// A template that failed while executing, with Go's message:
/// `template: output:1:4: executing "output" at <.a.b>: nil pointer evaluating interface {}.b`.
struct GoTemplateExecError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Executes a parsed template over a ``GoValue``, as Go's `text/template` executes over kubectl's decoded JSON:
/// the same evaluation order, variable scoping, missing-key handling and error messages (each naming the node
/// being evaluated, `at <...>`).
struct GoTemplateEvaluator {
    /// The node errors are reported at (Go's `state.node`).
    private enum Current {
        case node(GoTemplateNode)
        case argument(GoTemplateArgument)
        case pipe(GoTemplatePipe)
        case command(GoTemplateCommand)
        case variable(GoTemplateVariable)
        case number(GoTemplateNumber)

        var pos: Int {
            switch self {
            case .node(let n): n.pos
            case .argument(let a): a.pos
            case .pipe(let p): p.pos
            case .command(let c): c.pos
            case .variable(let v): v.pos
            case .number(let n): n.pos
            }
        }

        var description: String {
            switch self {
            case .node(let n): n.description
            case .argument(let a): a.description
            case .pipe(let p): p.description
            case .command(let c): c.description
            case .variable(let v): v.description
            case .number(let n): n.text
            }
        }
    }

    /// `{{break}}` and `{{continue}}` unwinding to their `range`.
    private enum LoopControl: Error {
        case breakLoop, continueLoop
    }

    /// Go's limit on nested `{{template}}` calls is 100000 (1000 on WebAssembly); a native Swift stack holds the
    /// smaller one.
    static let maximumDepth = 1000

    let tree: GoTemplateTree
    /// kubectl's `--allow-missing-template-keys` (default true): a missing key yields `<no value>` instead of an
    /// error.
    let allowMissingKeys: Bool
    /// What the template printed so far (kept when execution fails, as Go writes as it goes).
    private(set) var output = ""
    private var vars: [(name: String, value: GoReflectValue)] = []
    private var current: Current?
    private var templateName: String
    private var depth = 0

    init(tree: GoTemplateTree, allowMissingKeys: Bool) {
        self.tree = tree
        self.allowMissingKeys = allowMissingKeys
        self.templateName = tree.name
    }

    /// Runs the template with `data` as dot and `$`.
    mutating func execute(_ data: GoValue?) throws(GoTemplateExecError) {
        let dot: GoReflectValue = data.map { .concrete($0) } ?? .invalid
        vars = [("$", dot)]
        do {
            try walk(dot, tree.root)
        } catch let error as GoTemplateExecError {
            throw error
        } catch {
            throw GoTemplateExecError(message: "template: \(templateName): \(error)")
        }
    }

    // MARK: - Errors and variables

    private func errorf(_ message: String) -> GoTemplateExecError {
        guard let current else { return GoTemplateExecError(message: "template: \(templateName): \(message)") }
        let bytes = Array(tree.text.utf8)
        let pos = min(current.pos, bytes.count)
        let before = bytes[0..<pos]
        let line = 1 + before.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        let column = before.lastIndex(of: UInt8(ascii: "\n")).map { pos - ($0 + 1) } ?? pos
        return GoTemplateExecError(
            message: "template: \(tree.name):\(line):\(column): executing \(GoQuote.quote(templateName)) at "
                + "<\(current.description)>: \(message)")
    }

    private mutating func at(_ node: Current) { current = node }

    private mutating func push(_ name: String, _ value: GoReflectValue) { vars.append((name, value)) }

    private mutating func pop(_ mark: Int) { vars.removeLast(vars.count - mark) }

    private mutating func setVar(_ name: String, _ value: GoReflectValue) throws(GoTemplateExecError) {
        guard let index = vars.lastIndex(where: { $0.name == name }) else {
            throw errorf("undefined variable: \(name)")
        }
        vars[index].value = value
    }

    private mutating func setTopVar(_ n: Int, _ value: GoReflectValue) { vars[vars.count - n].value = value }

    private func varValue(_ name: String) throws(GoTemplateExecError) -> GoReflectValue {
        guard let entry = vars.last(where: { $0.name == name }) else { throw errorf("undefined variable: \(name)") }
        return entry.value
    }

    // MARK: - Walking

    private mutating func walk(_ dot: GoReflectValue, _ list: GoTemplateList) throws {
        for node in list.nodes { try walk(dot, node) }
    }

    private mutating func walk(_ dot: GoReflectValue, _ node: GoTemplateNode) throws {
        at(.node(node))
        switch node {
        case .action(_, let pipe):
            let value = try evalPipeline(dot, pipe)
            if pipe.declarations.isEmpty {
                at(.node(node))
                output += value.isValid ? GoFmt.value(value.value) : "<no value>"
            }
        case .breakNode:
            throw LoopControl.breakLoop
        case .continueNode:
            throw LoopControl.continueLoop
        case .comment:
            break
        case .ifNode(let branch):
            try walkIfOrWith(isWith: false, dot, branch)
        case .withNode(let branch):
            try walkIfOrWith(isWith: true, dot, branch)
        case .rangeNode(let branch):
            try walkRange(dot, branch, node)
        case .template(_, let name, let pipe):
            try walkTemplate(dot, name: name, pipe: pipe)
        case .text(_, let text):
            output += text
        }
    }

    private mutating func walkIfOrWith(isWith: Bool, _ dot: GoReflectValue, _ branch: GoTemplateBranch) throws {
        let mark = vars.count
        defer { pop(mark) }
        let value = try evalPipeline(dot, branch.pipe)
        if GoTemplateFunctions.isTrue(value.indirectInterface) {
            try walk(isWith ? value : dot, branch.list)
        } else if let elseList = branch.elseList {
            try walk(dot, elseList)
        }
    }

    private mutating func walkRange(_ dot: GoReflectValue, _ branch: GoTemplateBranch, _ node: GoTemplateNode) throws {
        at(.node(node))
        let outerMark = vars.count
        defer { pop(outerMark) }
        let value = GoTemplateFunctions.indirect(try evalPipeline(dot, branch.pipe)).0
        let mark = vars.count
        let declarations = branch.pipe.declarations
        func iterate(_ me: inout GoTemplateEvaluator, _ index: GoReflectValue, _ element: GoReflectValue) throws {
            if !declarations.isEmpty {
                if branch.pipe.isAssign {
                    try me.setVar(declarations[0].ident[0], declarations.count > 1 ? index : element)
                } else {
                    me.setTopVar(1, element)
                }
            }
            if declarations.count > 1 {
                if branch.pipe.isAssign {
                    try me.setVar(declarations[1].ident[0], element)
                } else {
                    me.setTopVar(2, index)
                }
            }
            defer { me.pop(mark) }
            do {
                try me.walk(element, branch.list)
            } catch LoopControl.continueLoop {
                return
            }
        }
        do {
            switch value.value {
            case .int(let n, let type):
                if declarations.count > 1 {
                    throw errorf("can't use \(GoFmt.value(value.value)) to iterate over more than one variable")
                }
                if n > 0 {
                    for i in 0..<n { try iterate(&self, .invalid, .concrete(.int(i, type))) }
                    return
                }
            case .byte(let n):
                if declarations.count > 1 {
                    throw errorf("can't use \(n) to iterate over more than one variable")
                }
                if n > 0 {
                    for i in 0..<n { try iterate(&self, .invalid, .concrete(.byte(i))) }
                    return
                }
            case .slice(let elements):
                if !elements.isEmpty {
                    for (i, element) in elements.enumerated() {
                        try iterate(&self, .concrete(.int(Int64(i), .int)), .element(element))
                    }
                    return
                }
            case .map(let members):
                if !members.isEmpty {
                    for key in GoValue.sortedKeys(members) {
                        try iterate(&self, .concrete(.string(key)), .element(members[key] ?? nil))
                    }
                    return
                }
            case nil:
                break
            default:
                throw errorf("range can't iterate over \(GoFmt.value(value.value))")
            }
        } catch LoopControl.breakLoop {
            return
        }
        if let elseList = branch.elseList { try walk(dot, elseList) }
    }

    private mutating func walkTemplate(_ dot: GoReflectValue, name: String, pipe: GoTemplatePipe?) throws {
        guard let body = tree.definitions[name] else { throw errorf("template \(GoQuote.quote(name)) not defined") }
        if depth == Self.maximumDepth { throw errorf("exceeded maximum template depth (\(Self.maximumDepth))") }
        let newDot = try evalPipeline(dot, pipe)
        let saved = (vars, templateName, current)
        vars = [("$", newDot)]
        templateName = name
        depth += 1
        defer {
            (vars, templateName, current) = saved
            depth -= 1
        }
        try walk(newDot, body)
    }

    // MARK: - Pipelines and commands

    private mutating func evalPipeline(_ dot: GoReflectValue, _ pipe: GoTemplatePipe?) throws(GoTemplateExecError)
        -> GoReflectValue
    {
        guard let pipe else { return .invalid }
        at(.pipe(pipe))
        var value: GoReflectValue?
        for command in pipe.commands {
            var result = try evalCommand(dot, command, final: value)
            if result.isInterface { result = result.indirectInterface }
            value = result
        }
        let final = value ?? .invalid
        for variable in pipe.declarations {
            if pipe.isAssign {
                try setVar(variable.ident[0], final)
            } else {
                push(variable.ident[0], final)
            }
        }
        return final
    }

    private mutating func notAFunction(_ args: [GoTemplateArgument], _ final: GoReflectValue?)
        throws(GoTemplateExecError)
    {
        if args.count > 1 || final != nil {
            throw errorf("can't give argument to non-function \(args.first?.description ?? "")")
        }
    }

    private mutating func evalCommand(_ dot: GoReflectValue, _ command: GoTemplateCommand, final: GoReflectValue?)
        throws(GoTemplateExecError) -> GoReflectValue
    {
        let first = command.args[0]
        switch first {
        case .field(_, let ident):
            at(.argument(first))
            return try evalFieldChain(dot, dot, ident, args: command.args, final: final)
        case .chain(_, let node, let fields):
            return try evalChain(dot, first, node, fields, args: command.args, final: final)
        case .identifier(_, let name):
            at(.argument(first))
            return try evalCall(dot, name, node: .command(command), args: Array(command.args.dropFirst()), final: final)
        case .pipe(let pipe):
            try notAFunction(command.args, final)
            return try evalPipeline(dot, pipe)
        case .variable(let variable):
            return try evalVariable(dot, variable, args: command.args, final: final)
        default:
            break
        }
        at(.argument(first))
        try notAFunction(command.args, final)
        switch first {
        case .bool(_, let b): return .concrete(.bool(b))
        case .dot: return dot
        case .nilValue: throw errorf("nil is not a command")
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let text): return .concrete(.string(text))
        default: throw errorf("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    /// A number literal where no type is expected: `int`, or `float64` when written as a float.
    private mutating func idealConstant(_ number: GoTemplateNumber) throws(GoTemplateExecError) -> GoReflectValue {
        at(.number(number))
        let text = number.text
        let isHexInt = text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = text.hasPrefix("'")
        if number.isFloat && !isHexInt && !isRune && text.contains(where: { ".eEpP".contains($0) }) {
            return .concrete(.float(number.float64))
        }
        if number.isInt { return .concrete(.int(number.int64, .int)) }
        if number.isUint { throw errorf("\(text) overflows int") }
        return .invalid
    }

    private mutating func evalChain(
        _ dot: GoReflectValue, _ chain: GoTemplateArgument, _ node: GoTemplateArgument, _ fields: [String],
        args: [GoTemplateArgument]?, final: GoReflectValue?
    ) throws(GoTemplateExecError) -> GoReflectValue {
        at(.argument(chain))
        if case .nilValue = node { throw errorf("indirection through explicit nil in \(chain.description)") }
        let receiver = try evalArg(dot, nil, node)
        return try evalFieldChain(dot, receiver, fields, args: args, final: final)
    }

    private mutating func evalVariable(
        _ dot: GoReflectValue, _ variable: GoTemplateVariable, args: [GoTemplateArgument]?, final: GoReflectValue?
    ) throws(GoTemplateExecError) -> GoReflectValue {
        at(.variable(variable))
        let value = try varValue(variable.ident[0])
        if variable.ident.count == 1 {
            try notAFunction(args ?? [], final)
            return value
        }
        return try evalFieldChain(dot, value, Array(variable.ident.dropFirst()), args: args, final: final)
    }

    private mutating func evalFieldChain(
        _ dot: GoReflectValue, _ receiver: GoReflectValue, _ ident: [String], args: [GoTemplateArgument]?,
        final: GoReflectValue?
    ) throws(GoTemplateExecError) -> GoReflectValue {
        var receiver = receiver
        for name in ident.dropLast() { receiver = try evalField(name, receiver, args: nil, final: nil) }
        return try evalField(ident[ident.count - 1], receiver, args: args, final: final)
    }

    private mutating func evalField(
        _ name: String, _ receiver: GoReflectValue, args: [GoTemplateArgument]?, final: GoReflectValue?
    ) throws(GoTemplateExecError) -> GoReflectValue {
        guard receiver.isValid else {
            if !allowMissingKeys { throw errorf("nil data; no entry for key \(GoQuote.quote(name))") }
            return .invalid
        }
        let typeName = receiver.typeName
        let (value, isNil) = GoTemplateFunctions.indirect(receiver)
        if isNil { throw errorf("nil pointer evaluating \(typeName).\(name)") }
        let hasArgs = (args?.count ?? 0) > 1 || final != nil
        if case .map(let members) = value.value {
            if hasArgs { throw errorf("\(name) is not a method but has arguments") }
            if let member = members[name] { return .element(member) }
            if !allowMissingKeys { throw errorf("map has no entry for key \(GoQuote.quote(name))") }
            return .invalid
        }
        throw errorf("can't evaluate field \(name) in type \(typeName)")
    }

    // MARK: - Calls

    private mutating func evalCall(
        _ dot: GoReflectValue, _ name: String, node: Current, args: [GoTemplateArgument], final: GoReflectValue?
    ) throws(GoTemplateExecError) -> GoReflectValue {
        guard let signature = GoTemplateFunctions.signatures[name] else {
            throw errorf("\(GoQuote.quote(name)) is not a defined function")
        }
        let numIn = args.count + (final == nil ? 0 : 1)
        var numFixed = args.count
        if signature.variadic != nil {
            numFixed = signature.fixed.count
            if numIn < numFixed {
                throw errorf("wrong number of args for \(name): want at least \(numFixed) got \(args.count)")
            }
        } else if numIn != signature.fixed.count {
            throw errorf("wrong number of args for \(name): want \(signature.fixed.count) got \(numIn)")
        }
        if name == "and" || name == "or" {
            var value = GoReflectValue.invalid
            for arg in args {
                value = try evalArg(dot, .value, arg)
                if GoTemplateFunctions.truth(value) == (name == "or") { return value }
            }
            if let final { value = final }
            return value
        }
        var argv: [GoReflectValue] = []
        for (i, arg) in args.enumerated() {
            let parameter = i < numFixed ? signature.fixed[i] : signature.variadic ?? .value
            argv.append(try evalArg(dot, parameter, arg))
        }
        if let final {
            var parameter = signature.fixed.last ?? .any
            if let variadic = signature.variadic {
                parameter = numIn - 1 < numFixed ? signature.fixed[numIn - 1] : variadic
            }
            argv.append(try validateType(final, parameter))
        }
        do throws(GoTemplateFunctions.Failure) {
            if name == "call" {
                let callee = args.first?.description ?? (final.map(Self.reflectString) ?? "")
                let function = argv[0].indirectInterface
                guard function.isValid else { throw GoTemplateFunctions.Failure("call of nil") }
                throw GoTemplateFunctions.Failure("non-function \(callee) of type \(function.typeName)")
            }
            return try GoTemplateFunctions.call(name, argv)
        } catch {
            at(node)
            throw errorf("error calling \(name): \(error.message)")
        }
    }

    /// `reflect.Value.String()`: a string's text, else `<T Value>`.
    private static func reflectString(_ value: GoReflectValue) -> String {
        if case .string(let s) = value.value, !value.isInterface { return s }
        return "<\(value.typeName) Value>"
    }

    private mutating func evalArg(
        _ dot: GoReflectValue, _ parameter: GoTemplateFunctions.Parameter?, _ arg: GoTemplateArgument
    ) throws(GoTemplateExecError) -> GoReflectValue {
        at(.argument(arg))
        switch arg {
        case .dot:
            return try validateType(dot, parameter)
        case .nilValue:
            switch parameter {
            case .string: throw errorf("cannot assign nil to string")
            case .any: return .element(nil)
            default: return .invalid
            }
        case .field(_, let ident):
            return try validateType(try evalFieldChain(dot, dot, ident, args: [arg], final: nil), parameter)
        case .variable(let variable):
            return try validateType(try evalVariable(dot, variable, args: nil, final: nil), parameter)
        case .pipe(let pipe):
            return try validateType(try evalPipeline(dot, pipe), parameter)
        case .identifier(_, let name):
            return try validateType(try evalCall(dot, name, node: .argument(arg), args: [], final: nil), parameter)
        case .chain(_, let node, let fields):
            return try validateType(try evalChain(dot, arg, node, fields, args: nil, final: nil), parameter)
        case .bool, .number, .string:
            break
        }
        if parameter == .string {
            guard case .string(_, _, let text) = arg else { throw errorf("expected string; found \(arg.description)") }
            return .concrete(.string(text))
        }
        switch arg {
        case .bool(_, let b): return .concrete(.bool(b))
        case .number(let number): return try idealConstant(number)
        case .string(_, _, let text): return .concrete(.string(text))
        default: return .invalid
        }
    }

    /// Checks that `value` can be passed as `parameter` (nil: no check, as when evaluating a chain's receiver).
    private func validateType(_ value: GoReflectValue, _ parameter: GoTemplateFunctions.Parameter?)
        throws(GoTemplateExecError) -> GoReflectValue
    {
        guard value.isValid else {
            switch parameter {
            case .string: throw errorf("invalid value; expected string")
            case .any: return .element(nil)
            default: return .invalid
            }
        }
        guard parameter == .string else { return value }
        if case .string(let s) = value.value { return .concrete(.string(s)) }
        let typeName = value.isInterface ? value.value?.typeName ?? "interface {}" : value.typeName
        throw errorf("wrong type for value; expected string; got \(typeName)")
    }
}
