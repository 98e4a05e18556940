using System.Globalization;
using System.Text.RegularExpressions;

namespace MlNetResNet.Demo.Cli;

/// <summary>The values of <c>--fine-tune</c>, <c>--time-budget</c> and <c>--cache-size</c>; each error lists what is accepted.</summary>
public static partial class CliValueParsers
{
    /// <summary>The accepted <c>--fine-tune</c> values, in help order.</summary>
    public static readonly IReadOnlyList<string> FineTuningNames = ["full", "head", "two-stage"];

    /// <summary><c>full</c>, <c>head</c> or <c>two-stage</c> (case-insensitive).</summary>
    public static bool TryParseFineTuning(string text, out FineTuningMode mode, out string error)
    {
        (mode, error) = text.ToLowerInvariant() switch
        {
            "full" => (FineTuningMode.Full, ""),
            "head" or "head-only" => (FineTuningMode.HeadOnly, ""),
            "two-stage" or "twostage" => (FineTuningMode.TwoStage, ""),
            _ => (FineTuningMode.Full, $"--fine-tune takes {string.Join(", ", FineTuningNames)}, not '{text}'."),
        };
        return error.Length == 0;
    }

    /// <summary>Seconds as a bare number or with a unit: <c>90</c>, <c>90s</c>, <c>5m</c>, <c>1h</c> (also <c>1.5m</c>).</summary>
    public static bool TryParseTimeBudget(string text, out TimeSpan budget, out string error)
    {
        budget = default;
        var match = DurationPattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || !(amount > 0))
        {
            error = $"--time-budget takes a positive duration: seconds (90), or a number with s, m or h (90s, 5m, 1h), not '{text}'.";
            return false;
        }
        double seconds = match.Groups[2].Value.ToLowerInvariant() switch { "m" => amount * 60, "h" => amount * 3600, _ => amount };
        budget = TimeSpan.FromSeconds(seconds);
        error = "";
        return true;
    }

    /// <summary>Bytes as a bare number or with K, M or G (powers of 1024): <c>500M</c>, <c>2G</c>.</summary>
    public static bool TryParseSize(string text, out long bytes, out string error)
    {
        bytes = 0;
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount))
        {
            error = $"--cache-size takes bytes, or a number with K, M or G (500M, 2G), not '{text}'.";
            return false;
        }
        double scale = match.Groups[2].Value.ToUpperInvariant() switch { "K" => 1L << 10, "M" => 1L << 20, "G" => 1L << 30, _ => 1 };
        bytes = (long)(amount * scale);
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([smhSMH]?)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SizePattern();
}
