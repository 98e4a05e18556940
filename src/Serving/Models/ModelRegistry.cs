using MlNetResNet.Serving.Metrics;
using MlNetResNet.Serving.Scoring;

namespace MlNetResNet.Serving.Models;

/// <summary>
/// The served model and its reloads. The first load and every reload run in the background; a new version replaces
/// the old one in one atomic exchange, requests already running keep the version they leased, and a version that
/// fails to load (a half-copied file, say) leaves the current one serving until the file changes again.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly string path;
    private readonly Func<string, IImageScorer> loadScorer;
    private readonly ServingMetrics metrics;
    private readonly ILogger<ModelRegistry> logger;
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private ServedModel? current;
    private FileSystemWatcher? watcher;
    private Timer? debounce;

    public ModelRegistry(ServingOptions options, Func<string, IImageScorer> loadScorer, ServingMetrics metrics, ILogger<ModelRegistry> logger)
    {
        path = Path.GetFullPath(options.Model);
        Name = options.EffectiveName;
        this.loadScorer = loadScorer;
        this.metrics = metrics;
        this.logger = logger;
    }

    /// <summary>The name the v2 routes serve the model under.</summary>
    public string Name { get; }

    /// <summary>The current version, or null before the first load finished.</summary>
    public ServedModel? Current => Volatile.Read(ref current);

    /// <summary>Completes when the first load has finished (successfully or not).</summary>
    public Task FirstLoad { get; private set; } = Task.CompletedTask;

    /// <summary>Starts the first load and the file watch.</summary>
    public void Start()
    {
        string folder = Path.GetDirectoryName(path)!;
        watcher = new FileSystemWatcher(folder, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        debounce = new Timer(_ => _ = ReloadAsync("file changed"));
        // A copy fires many Changed events; wait until the file has been quiet for a moment before reading it.
        FileSystemEventHandler changed = (_, _) => debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Renamed += (_, e) => { if (e.FullPath == path) changed(this, e); };
        watcher.EnableRaisingEvents = true;
        FirstLoad = Task.Run(() => ReloadAsync("start"));
    }

    /// <summary>A lease on the current version for one request, or null while none is loaded.</summary>
    public ModelLease? Lease()
    {
        while (true)
        {
            var model = Current;
            if (model is null) return null;
            if (model.TryAcquire()) return new ModelLease(model);
            // Lost a race with a swap that released this version: the next read sees the new one.
        }
    }

    /// <summary>Loads the file if its content differs from the current version, then swaps.</summary>
    public async Task ReloadAsync(string reason)
    {
        if (stopping.IsCancellationRequested) return;
        await loading.WaitAsync().ConfigureAwait(false);
        try
        {
            if (stopping.IsCancellationRequested || !File.Exists(path)) return;
            var version = ModelFileVersion.Of(path);
            if (Current?.Version == version.Hash) return;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var scorer = loadScorer(path);
            // The file may have been replaced again while it loaded; then this load is of unknown content.
            if (ModelFileVersion.Of(path).Hash != version.Hash)
            {
                scorer.Dispose();
                debounce?.Change(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
                return;
            }
            var loaded = new ServedModel(Name, version.Hash, version.WriteTime, scorer);
            var old = Interlocked.Exchange(ref current, loaded);
            old?.Release();
            metrics.ModelLoaded(Name, old?.Version, loaded.Version);
            logger.LogInformation("Model {Model} version {Version} loaded from {Path} in {Milliseconds} ms ({Reason}); replaced {OldVersion}",
                Name, loaded.Version, path, watch.ElapsedMilliseconds, reason, old?.Version ?? "nothing");
        }
        catch (Exception error)
        {
            // A background load is its own outermost boundary: whatever the file does, the current version keeps serving.
            metrics.ReloadFailed();
            logger.LogWarning(error, "Model file {Path} could not be loaded ({Reason}): {Error}; {Serving}", path, reason, error.Message,
                Current is null ? "no model is served yet" : $"version {Current.Version} keeps serving");
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        watcher?.Dispose();
        debounce?.Dispose();
        Interlocked.Exchange(ref current, null)?.Release();
    }
}
