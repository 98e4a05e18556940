using System.Diagnostics;

namespace MlNetResNet.Tests.Demo;

/// <summary>Runs the demo executable (copied next to the tests) as a separate process.</summary>
internal static class DemoProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlnet-resnet {string.Join(' ', args)} ran longer than 2 minutes.");
        }
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>How to start the demo with <paramref name="args"/>, both output streams redirected.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlnet-resnet.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
