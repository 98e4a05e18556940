using System.Diagnostics;

namespace MlNetResNet.Tests.Demo;

/// <summary>Runs the demo executable (copied next to the tests) as a separate process.</summary>
internal static class DemoProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, args, tempFolder: null);
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlnet-resnet {string.Join(' ', args)} ran longer than 2 minutes.");
        }
        return (process.ExitCode, stdout, stderr.Result);
    }

    /// <summary>
    /// Runs the demo and kills it with SIGKILL (what the OOM killer sends) once <paramref name="killAfter"/> has passed
    /// since it started, unless it ended before. <paramref name="tempFolder"/> is its temp folder (TMPDIR), so that a
    /// test can see what the killed processes left there.
    /// </summary>
    public static (bool Killed, int ExitCode, string Stdout, string Stderr) RunKillingAfter(string workingDirectory, TimeSpan killAfter,
        string tempFolder, params string[] args)
    {
        using var process = Start(workingDirectory, args, tempFolder);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(killAfter))
        {
            // On Linux and macOS, Process.Kill sends SIGKILL: no handler, finally block or flush runs in the child.
            // A process that ended in the meantime is reaped by WaitForExit below.
            try { process.Kill(); }
            catch (InvalidOperationException) { }
        }
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlnet-resnet {string.Join(' ', args)} ran longer than 2 minutes.");
        }
        // 128 + SIGKILL: the child ended by the signal, not by itself.
        bool killed = process.ExitCode == 137;
        return (killed, process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts the demo with <paramref name="args"/>, both output streams redirected.</summary>
    public static Process Start(string workingDirectory, IEnumerable<string> args, string? tempFolder = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (tempFolder is not null) start.Environment["TMPDIR"] = tempFolder;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlnet-resnet.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
