import Foundation
import KubeAPI
import Wire

/// Go's `fmt` (`Sprint`, `Sprintln`, `Sprintf` and `%v`) over ``GoValue``s, as templates print values and as
/// `print`, `println` and `printf` format them (quoting is Wire's ``GoQuote``).
///
/// `Sprintf` supports the flags `+ - # 0 space`, widths and precisions (also `*` and `[n]` argument indexes), and
/// the verbs `%v %s %q %d %t %f %F %e %E %g %G %x %X %o %O %b %c %U %T %%`; wrong verbs, missing and extra
/// arguments print as Go does (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA int=1)`).
enum GoFmt {
    /// `fmt.Sprint(value)`: `%v`.
    static func value(_ value: GoValue?) -> String {
        var printer = Printer()
        printer.printArg(value, "v")
        return printer.out
    }

    /// `fmt.Sprint(args...)`: a space between two operands when neither is a string.
    static func sprint(_ args: [GoValue?]) -> String {
        var printer = Printer()
        var previousString = false
        for (index, arg) in args.enumerated() {
            var isString = false
            if case .string = arg { isString = true }
            if index > 0 && !isString && !previousString { printer.out += " " }
            printer.printArg(arg, "v")
            previousString = isString
        }
        return printer.out
    }

    /// `fmt.Sprintln(args...)`: spaces between all operands, and a newline.
    static func sprintln(_ args: [GoValue?]) -> String {
        var printer = Printer()
        for (index, arg) in args.enumerated() {
            if index > 0 { printer.out += " " }
            printer.printArg(arg, "v")
        }
        return printer.out + "\n"
    }

    /// `fmt.Sprintf(format, args...)`.
    static func sprintf(_ format: String, _ args: [GoValue?]) -> String {
        var printer = Printer()
        printer.doPrintf(Array(format.unicodeScalars), args)
        return printer.out
    }

    /// `%T` of an argument.
    static func typeName(_ value: GoValue?) -> String { value?.typeName ?? "<nil>" }

    /// `%#U`: `U+007D '}'`.
    static func unicodeFormat(_ r: Unicode.Scalar?) -> String {
        guard let r else { return "U+FFFFFFFFFFFFFFFF" }
        let code = "U+" + GoQuote.hex(r.value, width: 4).uppercased()
        return GoQuote.isPrint(r) ? "\(code) '\(Character(r))'" : code
    }
}

extension GoFmt {
    /// One `fmt` printer: the output and the flags of the verb being printed.
    struct Printer {
        var out = ""
        var plus = false
        var minus = false
        var sharp = false
        var space = false
        var zero = false
        var plusV = false
        var sharpV = false
        var width: Int?
        var precision: Int?

        mutating func clearFlags() {
            plus = false
            minus = false
            sharp = false
            space = false
            zero = false
            plusV = false
            sharpV = false
            width = nil
            precision = nil
        }

        // MARK: Printf

        mutating func doPrintf(_ format: [Unicode.Scalar], _ args: [GoValue?]) {
            let end = format.count
            var argNum = 0
            var afterIndex = false
            var reordered = false
            var i = 0
            while i < end {
                var goodArgNum = true
                let lasti = i
                while i < end && format[i] != "%" { i += 1 }
                if i > lasti { out.unicodeScalars.append(contentsOf: format[lasti..<i]) }
                if i >= end { break }
                i += 1
                clearFlags()
                flags: while i < end {
                    switch format[i] {
                    case "#": sharp = true
                    case "0": zero = !minus
                    case "+": plus = true
                    case "-":
                        minus = true
                        zero = false
                    case " ": space = true
                    default: break flags
                    }
                    i += 1
                }
                (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count, &goodArgNum, &reordered)
                if i < end && format[i] == "*" {
                    i += 1
                    let (value, ok, next) = intFromArg(args, argNum)
                    argNum = next
                    if ok {
                        width = value
                        if value < 0 {
                            width = -value
                            minus = true
                            zero = false
                        }
                    } else {
                        out += "%!(BADWIDTH)"
                    }
                    afterIndex = false
                } else {
                    let (value, isNumber, next) = parseNumber(format, i, end)
                    if isNumber {
                        width = value
                        if afterIndex { goodArgNum = false }
                    }
                    i = next
                }
                if i + 1 < end && format[i] == "." {
                    i += 1
                    if afterIndex { goodArgNum = false }
                    (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count, &goodArgNum, &reordered)
                    if i < end && format[i] == "*" {
                        i += 1
                        let (value, ok, next) = intFromArg(args, argNum)
                        argNum = next
                        precision = ok && value >= 0 ? value : nil
                        if !ok { out += "%!(BADPREC)" }
                        afterIndex = false
                    } else {
                        let (value, isNumber, next) = parseNumber(format, i, end)
                        precision = isNumber ? value : 0
                        i = next
                    }
                }
                if !afterIndex {
                    (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count, &goodArgNum, &reordered)
                }
                if i >= end {
                    out += "%!(NOVERB)"
                    break
                }
                let verb = format[i]
                i += 1
                if verb == "%" {
                    out += "%"
                } else if !goodArgNum {
                    out += "%!\(Character(verb))(BADINDEX)"
                } else if argNum >= args.count {
                    out += "%!\(Character(verb))(MISSING)"
                } else {
                    if verb == "v" {
                        sharpV = sharp
                        sharp = false
                        plusV = plus
                        plus = false
                    }
                    printArg(args[argNum], verb)
                    argNum += 1
                }
            }
            if !reordered && argNum < args.count {
                clearFlags()
                out += "%!(EXTRA "
                for (index, arg) in args[argNum...].enumerated() {
                    if index > 0 { out += ", " }
                    if let arg {
                        out += arg.typeName + "="
                        printArg(arg, "v")
                    } else {
                        out += "<nil>"
                    }
                }
                out += ")"
            }
        }

        mutating func argNumber(
            _ argNum: Int, _ format: [Unicode.Scalar], _ i: Int, _ numArgs: Int, _ goodArgNum: inout Bool,
            _ reordered: inout Bool
        ) -> (Int, Int, Bool) {
            guard i < format.count, format[i] == "[" else { return (argNum, i, false) }
            reordered = true
            let rest = Array(format[i...])
            var index = 0
            var width = 1
            var ok = false
            if rest.count >= 3, let close = rest.firstIndex(of: "]"), close > 0 {
                let (value, isNumber, next) = parseNumber(rest, 1, close)
                if isNumber && next == close {
                    index = value - 1
                    ok = true
                }
                width = close + 1
            }
            if ok && index >= 0 && index < numArgs { return (index, i + width, true) }
            goodArgNum = false
            return (argNum, i + width, ok)
        }

        func parseNumber(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> (Int, Bool, Int) {
            var i = start
            var value = 0
            var isNumber = false
            while i < end, s[i].value >= 0x30, s[i].value <= 0x39 {
                if value > 1_000_000 { return (0, false, end) }
                value = value * 10 + Int(s[i].value - 0x30)
                isNumber = true
                i += 1
            }
            return (value, isNumber, i)
        }

        func intFromArg(_ args: [GoValue?], _ argNum: Int) -> (Int, Bool, Int) {
            guard argNum < args.count else { return (0, false, argNum) }
            var value = 0
            var ok = false
            switch args[argNum] {
            case .int(let i, _):
                value = Int(i)
                ok = true
            case .byte(let b):
                value = Int(b)
                ok = true
            default:
                break
            }
            if value > 1_000_000 || value < -1_000_000 { return (0, false, argNum + 1) }
            return (value, ok, argNum + 1)
        }

        // MARK: Values

        mutating func printArg(_ arg: GoValue?, _ verb: Unicode.Scalar) {
            guard let arg else {
                if verb == "T" || verb == "v" { padString("<nil>") } else { badVerb(nil, verb) }
                return
            }
            if verb == "T" {
                padString(arg.typeName)
                return
            }
            printValue(arg, verb)
        }

        mutating func printValue(_ value: GoValue, _ verb: Unicode.Scalar) {
            switch value {
            case .bool(let b):
                if verb == "t" || verb == "v" { padString(b ? "true" : "false") } else { badVerb(value, verb) }
            case .int(let i, _):
                fmtInteger(i.magnitude, negative: i < 0, isSigned: true, value: value, verb)
            case .byte(let b):
                fmtInteger(UInt64(b), negative: false, isSigned: false, value: value, verb)
            case .float(let d):
                fmtFloat(d, value: value, verb)
            case .string(let s):
                fmtString(s, value: value, verb)
            case .slice(let elements):
                if sharpV {
                    out += "[]interface {}{"
                } else {
                    out += "["
                }
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += sharpV ? ", " : " " }
                    printElement(element, verb)
                }
                out += sharpV ? "}" : "]"
            case .map(let members):
                out += sharpV ? "map[string]interface {}{" : "map["
                for (index, key) in GoValue.sortedKeys(members).enumerated() {
                    if index > 0 { out += sharpV ? ", " : " " }
                    printValue(.string(key), verb)
                    out += ":"
                    printElement(members[key] ?? nil, verb)
                }
                out += sharpV ? "}" : "]"
            }
        }

        mutating func printElement(_ element: GoValue?, _ verb: Unicode.Scalar) {
            guard let element else {
                out += sharpV ? "interface {}(nil)" : "<nil>"
                return
            }
            printValue(element, verb)
        }

        mutating func badVerb(_ value: GoValue?, _ verb: Unicode.Scalar) {
            out += "%!\(Character(verb))("
            if let value {
                out += value.typeName + "="
                printArg(value, "v")
            } else {
                out += "<nil>"
            }
            out += ")"
        }
    }
}
