import KubeAPI
import Wire

/// A template that does not parse, with Go's message: `template: output:1: unexpected "}" in operand`.
struct GoTemplateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Parses Go templates into ``GoTemplateTree``s, following `text/template/parse` (its grammar, its three-token
/// look-ahead, and so its error messages and line numbers).
enum GoTemplateParser {
    /// Parses `text` as the template `name`, whose actions may call `functions`.
    static func parse(_ text: String, name: String, functions: Set<String>) throws(GoTemplateParseError)
        -> GoTemplateTree
    {
        let shared = SharedState(lexer: GoTemplateLexer(text), functions: functions, parseName: name)
        let tree = TreeParser(name: name, shared: shared)
        try tree.parse()
        try tree.add()
        let root = shared.trees[name] ?? GoTemplateList(pos: 0)
        return GoTemplateTree(name: name, root: root, definitions: shared.trees, text: text)
    }

    /// What the trees of one parse share: the lexer, the function names and the defined templates.
    final class SharedState {
        var lexer: GoTemplateLexer
        let functions: Set<String>
        let parseName: String
        var trees: [String: GoTemplateList] = [:]

        init(lexer: GoTemplateLexer, functions: Set<String>, parseName: String) {
            self.lexer = lexer
            self.functions = functions
            self.parseName = parseName
        }
    }

    /// What `textOrAction` can return: a node, or the `{{end}}`/`{{else}}` that closes a list.
    enum Item {
        case node(GoTemplateNode)
        case end(pos: Int)
        case elseItem(pos: Int)

        var description: String {
            switch self {
            case .node(let n): n.description
            case .end: "{{end}}"
            case .elseItem: "{{else}}"
            }
        }
    }

    /// The parser of one tree (the main template, or one `define`/`block`).
    final class TreeParser {
        var name: String
        let shared: SharedState
        var root = GoTemplateList(pos: 0)
        private var tokens = [GoTemplateToken](
            repeating: GoTemplateToken(kind: .eof, pos: 0, value: "", line: 1), count: 3)
        private var peekCount = 0
        private var vars = ["$"]
        private var actionLine = 0
        private var rangeDepth = 0
        private var stackDepth = 0

        init(name: String, shared: SharedState) {
            self.name = name
            self.shared = shared
        }

        // MARK: Tokens

        private func next() -> GoTemplateToken {
            if peekCount > 0 {
                peekCount -= 1
            } else {
                tokens[0] = shared.lexer.nextToken()
            }
            return tokens[peekCount]
        }

        private func backup() { peekCount += 1 }

        private func backup2(_ t1: GoTemplateToken) {
            tokens[1] = t1
            peekCount = 2
        }

        private func backup3(_ t2: GoTemplateToken, _ t1: GoTemplateToken) {
            tokens[1] = t1
            tokens[2] = t2
            peekCount = 3
        }

        private func peek() -> GoTemplateToken {
            if peekCount > 0 { return tokens[peekCount - 1] }
            peekCount = 1
            tokens[0] = shared.lexer.nextToken()
            return tokens[0]
        }

        private func nextNonSpace() -> GoTemplateToken {
            var token = next()
            while token.kind == .space { token = next() }
            return token
        }

        private func peekNonSpace() -> GoTemplateToken {
            let token = nextNonSpace()
            backup()
            return token
        }

        // MARK: Errors

        private func errorf(_ message: String) -> GoTemplateParseError {
            GoTemplateParseError(message: "template: \(shared.parseName):\(tokens[0].line): \(message)")
        }

        private func unexpected(_ token: GoTemplateToken, _ context: String) -> GoTemplateParseError {
            if token.kind == .error {
                var extra = ""
                if actionLine != 0 && actionLine != token.line {
                    extra = " in action started at \(shared.parseName):\(actionLine)"
                    if token.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
                }
                return errorf("\(token.description)\(extra)")
            }
            return errorf("unexpected \(token.description) in \(context)")
        }

        private func expect(_ kind: GoTemplateToken.Kind, _ context: String) throws(GoTemplateParseError)
            -> GoTemplateToken
        {
            let token = nextNonSpace()
            guard token.kind == kind else { throw unexpected(token, context) }
            return token
        }

        // MARK: Structure

        func parse() throws(GoTemplateParseError) {
            root = GoTemplateList(pos: peek().pos)
            while peek().kind != .eof {
                if peek().kind == .leftDelim {
                    let delim = next()
                    if nextNonSpace().kind == .define {
                        let definition = TreeParser(name: "definition", shared: shared)
                        try definition.parseDefinition()
                        continue
                    }
                    backup2(delim)
                }
                switch try textOrAction() {
                case .node(let node): root.nodes.append(node)
                case let other: throw errorf("unexpected \(other.description)")
                }
            }
        }

        /// Records this tree in the shared set (a non-empty tree may not be defined twice).
        func add() throws(GoTemplateParseError) {
            if let existing = shared.trees[name], !existing.nodes.allSatisfy(\.isEmpty) {
                if !root.nodes.allSatisfy(\.isEmpty) {
                    throw errorf("template: multiple definition of template \(GoQuote.quote(name))")
                }
                return
            }
            shared.trees[name] = root
        }

        private func parseDefinition() throws(GoTemplateParseError) {
            let context = "define clause"
            let token = nextNonSpace()
            guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
            name = try unquote(token.value)
            _ = try expect(.rightDelim, context)
            let (list, end) = try itemList()
            guard case .end = end else { throw errorf("unexpected \(end.description) in \(context)") }
            root = list
            try add()
        }

        private func itemList() throws(GoTemplateParseError) -> (GoTemplateList, Item) {
            var list = GoTemplateList(pos: peekNonSpace().pos)
            while peekNonSpace().kind != .eof {
                let item = try textOrAction()
                switch item {
                case .node(let node): list.nodes.append(node)
                case .end, .elseItem: return (list, item)
                }
            }
            throw errorf("unexpected EOF")
        }

        private func textOrAction() throws(GoTemplateParseError) -> Item {
            let token = nextNonSpace()
            switch token.kind {
            case .text:
                return .node(.text(pos: token.pos, token.value))
            case .leftDelim:
                actionLine = token.line
                defer { actionLine = 0 }
                return try action()
            case .comment:
                return .node(.comment(pos: token.pos))
            default:
                throw unexpected(token, "input")
            }
        }

        private func action() throws(GoTemplateParseError) -> Item {
            let token = nextNonSpace()
            switch token.kind {
            case .block: return .node(try blockControl())
            case .breakKeyword: return .node(try loopControl(token, keyword: "break"))
            case .continueKeyword: return .node(try loopControl(token, keyword: "continue"))
            case .elseKeyword: return try elseControl()
            case .end: return .end(pos: try expect(.rightDelim, "end").pos)
            case .ifKeyword: return .node(.ifNode(try parseControl("if")))
            case .range: return .node(.rangeNode(try parseControl("range")))
            case .template: return .node(try templateControl())
            case .with: return .node(.withNode(try parseControl("with")))
            default: break
            }
            backup()
            let start = peek()
            return .node(.action(pos: start.pos, try pipeline("command", end: .rightDelim)))
        }

        private func loopControl(_ token: GoTemplateToken, keyword: String) throws(GoTemplateParseError)
            -> GoTemplateNode
        {
            let closing = nextNonSpace()
            guard closing.kind == .rightDelim else { throw unexpected(closing, "{{\(keyword)}}") }
            guard rangeDepth > 0 else { throw errorf("{{\(keyword)}} outside {{range}}") }
            return keyword == "break" ? .breakNode(pos: token.pos) : .continueNode(pos: token.pos)
        }

        private func elseControl() throws(GoTemplateParseError) -> Item {
            let ahead = peekNonSpace()
            if ahead.kind == .ifKeyword || ahead.kind == .with { return .elseItem(pos: ahead.pos) }
            return .elseItem(pos: try expect(.rightDelim, "else").pos)
        }

        private func parseControl(_ context: String) throws(GoTemplateParseError) -> GoTemplateBranch {
            let savedVars = vars.count
            defer { vars.removeLast(vars.count - savedVars) }
            let pipe = try pipeline(context, end: .rightDelim)
            if context == "range" { rangeDepth += 1 }
            let (list, next) = try itemList()
            if context == "range" { rangeDepth -= 1 }
            var elseList: GoTemplateList?
            switch next {
            case .end, .node:
                break
            case .elseItem(let pos):
                if context == "if" && peek().kind == .ifKeyword {
                    _ = self.next()
                    elseList = GoTemplateList(pos: pos, nodes: [.ifNode(try parseControl("if"))])
                } else if context == "with" && peek().kind == .with {
                    _ = self.next()
                    elseList = GoTemplateList(pos: pos, nodes: [.withNode(try parseControl("with"))])
                } else {
                    let (list, end) = try itemList()
                    guard case .end = end else { throw errorf("expected end; found \(end.description)") }
                    elseList = list
                }
            }
            return GoTemplateBranch(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
        }

        private func blockControl() throws(GoTemplateParseError) -> GoTemplateNode {
            let context = "block clause"
            let token = nextNonSpace()
            let blockName = try templateName(token, context)
            let pipe = try pipeline(context, end: .rightDelim)
            let block = TreeParser(name: blockName, shared: shared)
            let (list, end) = try block.itemList()
            guard case .end = end else { throw errorf("unexpected \(end.description) in \(context)") }
            block.root = list
            try block.add()
            return .template(pos: token.pos, name: blockName, pipe: pipe)
        }

        private func templateControl() throws(GoTemplateParseError) -> GoTemplateNode {
            let context = "template clause"
            let token = nextNonSpace()
            let templateName = try templateName(token, context)
            var pipe: GoTemplatePipe?
            if nextNonSpace().kind != .rightDelim {
                backup()
                pipe = try pipeline(context, end: .rightDelim)
            }
            return .template(pos: token.pos, name: templateName, pipe: pipe)
        }

        private func templateName(_ token: GoTemplateToken, _ context: String) throws(GoTemplateParseError)
            -> String
        {
            guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
            return try unquote(token.value)
        }

        private func unquote(_ quoted: String) throws(GoTemplateParseError) -> String {
            guard let text = GoLiteral.unquote(quoted) else { throw errorf("invalid syntax") }
            return text
        }

        // MARK: Pipelines

        private func pipeline(_ context: String, end: GoTemplateToken.Kind) throws(GoTemplateParseError)
            -> GoTemplatePipe
        {
            var pipe = GoTemplatePipe(pos: peekNonSpace().pos)
            declarations: while true {
                let variable = peekNonSpace()
                guard variable.kind == .variable else { break }
                _ = next()
                let afterVariable = peek()
                let following = peekNonSpace()
                if following.kind == .assign || following.kind == .declare {
                    pipe.isAssign = following.kind == .assign
                    _ = nextNonSpace()
                    pipe.declarations.append(GoTemplateVariable(pos: variable.pos, ident: [variable.value]))
                    vars.append(variable.value)
                } else if following.kind == .char && following.value == "," {
                    _ = nextNonSpace()
                    pipe.declarations.append(GoTemplateVariable(pos: variable.pos, ident: [variable.value]))
                    vars.append(variable.value)
                    if context == "range" && pipe.declarations.count < 2 {
                        switch peekNonSpace().kind {
                        case .variable, .rightDelim, .rightParen: continue declarations
                        default: throw errorf("range can only initialize variables")
                        }
                    }
                    throw errorf("too many declarations in \(context)")
                } else if afterVariable.kind == .space {
                    backup3(variable, afterVariable)
                } else {
                    backup2(variable)
                }
                break
            }
            while true {
                let token = nextNonSpace()
                switch token.kind {
                case end:
                    try checkPipeline(pipe, context)
                    return pipe
                case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                    .string, .variable, .leftParen:
                    backup()
                    pipe.commands.append(try command())
                default:
                    throw unexpected(token, context)
                }
            }
        }

        private func checkPipeline(_ pipe: GoTemplatePipe, _ context: String) throws(GoTemplateParseError) {
            guard !pipe.commands.isEmpty else { throw errorf("missing value for \(context)") }
            for (index, command) in pipe.commands.dropFirst().enumerated() {
                switch command.args.first {
                case .bool, .dot, .nilValue, .number, .string:
                    throw errorf("non executable command in pipeline stage \(index + 2)")
                default:
                    continue
                }
            }
        }

        private func command() throws(GoTemplateParseError) -> GoTemplateCommand {
            var command = GoTemplateCommand(pos: peekNonSpace().pos)
            loop: while true {
                _ = peekNonSpace()
                if let operand = try operand() { command.args.append(operand) }
                let token = next()
                switch token.kind {
                case .space: continue loop
                case .rightDelim, .rightParen: backup()
                case .pipe: break
                default: throw unexpected(token, "operand")
                }
                break
            }
            guard !command.args.isEmpty else { throw errorf("empty command") }
            return command
        }

        private func operand() throws(GoTemplateParseError) -> GoTemplateArgument? {
            guard let node = try term() else { return nil }
            guard peek().kind == .field else { return node }
            let chainPos = peek().pos
            var fields: [String] = []
            while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
            switch node {
            case .field(_, let ident):
                return .field(pos: chainPos, ident + fields)
            case .variable(let variable):
                return .variable(GoTemplateVariable(pos: chainPos, ident: variable.ident + fields))
            case .bool, .string, .number, .nilValue, .dot:
                throw errorf("unexpected . after term \(GoQuote.quote(node.description))")
            default:
                return .chain(pos: chainPos, node, fields)
            }
        }

        private func term() throws(GoTemplateParseError) -> GoTemplateArgument? {
            let token = nextNonSpace()
            switch token.kind {
            case .identifier:
                guard shared.functions.contains(token.value) else {
                    throw errorf("function \(GoQuote.quote(token.value)) not defined")
                }
                return .identifier(pos: token.pos, token.value)
            case .dot:
                return .dot(pos: token.pos)
            case .nilKeyword:
                return .nilValue(pos: token.pos)
            case .variable:
                guard vars.contains(token.value) else {
                    throw errorf("undefined variable \(GoQuote.quote(token.value))")
                }
                return .variable(GoTemplateVariable(pos: token.pos, ident: [token.value]))
            case .field:
                return .field(pos: token.pos, [String(token.value.dropFirst())])
            case .bool:
                return .bool(pos: token.pos, token.value == "true")
            case .charConstant, .complex, .number:
                do {
                    return .number(try GoLiteral.number(token.value, pos: token.pos, isChar: token.kind == .charConstant))
                } catch {
                    throw errorf(error.message)
                }
            case .leftParen:
                guard stackDepth < 10000 else { throw errorf("max expression depth exceeded") }
                stackDepth += 1
                defer { stackDepth -= 1 }
                return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
            case .string, .rawString:
                return .string(pos: token.pos, quoted: token.value, text: try unquote(token.value))
            default:
                backup()
                return nil
            }
        }
    }
}
