using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MlNetResNet.Benchmarks.ServingLoad;

/// <summary>The server as a child process on a free loopback port, so its memory is measured apart from the clients'.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    public ServerProcess(string model, int maxBatch, int maxDelayMs)
    {
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MlNetResNet.Serving.dll"));
        foreach (string arg in new[] { "--model", model, "--port", Port.ToString(CultureInfo.InvariantCulture),
                     "--max-batch", maxBatch.ToString(CultureInfo.InvariantCulture), "--max-delay-ms", maxDelayMs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        process = Process.Start(start)!;
        // Drain the logs so the pipe never fills; keep the model-load lines for the report.
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("loaded from", StringComparison.Ordinal) == true) Console.Error.WriteLine("  server: model loaded"); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }
    public HttpClient Client { get; }

    /// <summary>Resident set size of the server process, in MiB (from /proc).</summary>
    public double RssMiB()
    {
        foreach (string line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        throw new InvalidOperationException("VmRSS not found.");
    }

    /// <summary>CPU time (user + system) the server process has used, in seconds (from /proc, 100 ticks a second).</summary>
    public double CpuSeconds()
    {
        string stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name (which may hold spaces) start at state, field 3; utime is 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with {process.ExitCode}.");
            try
            {
                if ((await Client.GetAsync("/v2/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server was not ready within 2 minutes.");
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
