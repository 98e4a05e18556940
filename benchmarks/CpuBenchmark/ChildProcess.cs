using System.Diagnostics;
using System.Text.Json.Nodes;

namespace MlNetResNet.Benchmarks;

/// <summary>Runs one side of a comparison in a fresh process and reads the JSON object it prints last.</summary>
internal static class ChildProcess
{
    public static JsonObject RunForJson(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string stderr = errors.Result;
        string? last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith('{'));
        if (process.ExitCode != 0 || last is null)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}.\n{Tail(output)}\n{Tail(stderr)}");
        }
        return JsonNode.Parse(last)!.AsObject();
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
