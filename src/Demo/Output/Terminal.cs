using Spectre.Console;

namespace MlNetResNet.Demo.Output;

/// <summary>
/// Where the demo writes. On a terminal: Spectre.Console with colours and live progress bars. When stdout is redirected
/// (CI, pipes, files): no ANSI escape codes, ASCII borders, and progress as plain lines.
/// </summary>
internal static class Terminal
{
    /// <summary>True when stdout is a terminal that can redraw progress bars.</summary>
    public static bool IsInteractive { get; private set; }

    /// <summary>Sets up <see cref="AnsiConsole"/> for the current stdout.</summary>
    public static void Configure()
    {
        IsInteractive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!IsInteractive)
        {
            AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(Console.Out),
            });
            AnsiConsole.Profile.Width = 110;
        }
    }

    /// <summary>Table border: rounded on a terminal, ASCII otherwise (logs stay 7-bit clean).</summary>
    public static TableBorder Border => IsInteractive ? TableBorder.Rounded : TableBorder.Ascii;

    /// <summary>A section heading.</summary>
    public static void Heading(string text)
    {
        if (IsInteractive) AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(text)}[/]") { Justification = Justify.Left });
        else AnsiConsole.WriteLine($"== {text} ==");
    }

    /// <summary>A plain line (markup-escaped).</summary>
    public static void Line(string text) => AnsiConsole.MarkupLine(Markup.Escape(text));

    /// <summary>A line of advice or a warning.</summary>
    public static void Warning(string text) => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");
}
