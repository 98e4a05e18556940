using System.Diagnostics;
using System.Globalization;
using static TorchSharp.torch;

namespace MlNetResNet.Tests.Weights.Support;

/// <summary>What one fuzz target did: cases run, how they ended, and every case that broke the promise.</summary>
public sealed record FuzzReport(string Target, int Seed, long Cases, long Loaded, IReadOnlyDictionary<string, int> Refusals, IReadOnlyList<string> Failures, TimeSpan Elapsed)
{
    public string Summary =>
        $"{Target}: seed {Seed}, {Cases} cases in {Elapsed.TotalSeconds:F1} s, {Loaded} loaded, {Cases - Loaded - Failures.Count} refused, " +
        $"{Failures.Count} broke the promise. Most common refusals: " +
        string.Join("; ", Refusals.OrderByDescending(r => r.Value).Take(8).Select(r => $"{r.Value}× {r.Key}"));
}

/// <summary>
/// Feeds generated checkpoint bytes to the reader, one case at a time on a worker thread watched for hangs. The
/// promise checked: a case either loads or ends in a <see cref="WeightLoadException"/> (a
/// <see cref="PyTorchCheckpointException"/> is one); any other exception, or a case running past
/// <see cref="CaseTimeLimit"/>, is a failure, saved to a file that reproduces it.
/// CI runs a fixed number of cases from a fixed seed. A longer campaign: set <c>MLNETRESNET_FUZZ_SECONDS</c>
/// (seconds per target) and optionally <c>MLNETRESNET_FUZZ_SEED</c>.
/// </summary>
public static class FuzzCampaign
{
    public static readonly TimeSpan CaseTimeLimit = TimeSpan.FromSeconds(10);
    public const string SecondsVariable = "MLNETRESNET_FUZZ_SECONDS";
    public const string SeedVariable = "MLNETRESNET_FUZZ_SEED";

    public static FuzzReport Run(string target, int ciSeed, int ciCases, Func<Random, byte[]> makeCase)
    {
        var (seed, cases, budget) = Budget(ciSeed, ciCases);
        var refusals = new Dictionary<string, int>();
        var failures = new List<string>();
        long started = 0, loaded = 0;
        byte[]? current = null;
        long caseStart = 0;
        bool finished = false;
        var clock = Stopwatch.StartNew();

        var worker = new Thread(() =>
        {
            for (long i = 0; i < cases && clock.Elapsed < budget; i++)
            {
                var bytes = makeCase(new Random(CaseSeed(seed, i)));
                Volatile.Write(ref current, bytes);
                Volatile.Write(ref caseStart, clock.ElapsedTicks);
                Interlocked.Increment(ref started);
                string? outcome = ReadOne(bytes, out bool ok);
                if (ok && outcome is null) loaded++;
                else if (ok) Count(refusals, outcome!);
                else lock (failures) failures.Add($"case {i}: {outcome} (saved as {Save(target, seed, i, bytes)})");
            }
            Volatile.Write(ref finished, true);
        }) { IsBackground = true, Name = $"fuzz {target}" };
        worker.Start();

        while (!worker.Join(100))
        {
            var running = Stopwatch.GetElapsedTime(0, clock.ElapsedTicks - Volatile.Read(ref caseStart));
            if (Volatile.Read(ref started) > 0 && !Volatile.Read(ref finished) && running > CaseTimeLimit)
            {
                long index = Volatile.Read(ref started) - 1;
                lock (failures) failures.Add($"case {index}: still running after {running.TotalSeconds:F0} s (saved as {Save(target, seed, index, Volatile.Read(ref current)!)})");
                break; // the hung worker is a background thread; the test fails and the process moves on
            }
        }
        lock (failures) return new FuzzReport(target, seed, Volatile.Read(ref started), loaded, refusals, failures.ToList(), clock.Elapsed);
    }

    /// <summary>Reads one case; null outcome means loaded. ok is false when the promise broke.</summary>
    private static string? ReadOne(byte[] bytes, out bool ok)
    {
        using var scope = NewDisposeScope();
        try
        {
            var checkpoint = PyTorchCheckpoint.ReadDetailed("fuzz.pth", new MemoryStream(bytes, writable: false));
            foreach (var tensor in checkpoint.Tensors.Values) tensor.Dispose();
            ok = true;
            return null;
        }
        catch (WeightLoadException e)
        {
            ok = true;
            return Kind(e.Problem);
        }
        catch (Exception e)
        {
            ok = false;
            return $"{e.GetType().FullName}: {e.Message}\n{e.StackTrace}";
        }
    }

    // "the pickle is corrupt: unknown opcode 0x41 at byte 12." -> "the pickle is corrupt: unknown opcode": a category, not a case.
    private static string Kind(string problem)
    {
        var words = problem.Split(' ').TakeWhile(w => !w.Any(char.IsDigit) && !w.StartsWith('\'')).Take(7);
        return string.Join(' ', words);
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    // Deterministic across runs and machines (HashCode is seeded per process, so not that).
    private static int CaseSeed(int seed, long index) => unchecked(seed * 1_000_003 + (int)index * 7919);

    private static (int Seed, long Cases, TimeSpan Budget) Budget(int ciSeed, int ciCases)
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : ciSeed;
        if (double.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            return (seed, long.MaxValue, TimeSpan.FromSeconds(seconds));
        return (seed, ciCases, TimeSpan.MaxValue);
    }

    private static string Save(string target, int seed, long index, byte[] bytes)
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlnetresnet-fuzz-failures");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{target}-seed{seed}-case{index}.pth");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
