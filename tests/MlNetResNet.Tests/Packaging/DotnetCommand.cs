using System.Diagnostics;

namespace MlNetResNet.Tests.Packaging;

/// <summary>Runs one <c>dotnet</c> command to its end (or kills it at the limit) and returns its exit code and output.</summary>
internal static class DotnetCommand
{
    public static (int ExitCode, string Output) Run(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in args) start.ArgumentList.Add(argument);
        // No build server survives the test (the machine is shared).
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} ran longer than {limit.TotalSeconds:0} s.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
