using System.Reflection;
using System.Runtime.Loader;

namespace MlNetResNet.Demo.Drawing;

/// <summary>
/// Loads MlNetResNet.Demo.Drawing (ScottPlot charts, SkiaSharp captions) from the <c>drawing/</c> folder next to the
/// demo into its own AssemblyLoadContext. ScottPlot 5.1 needs SkiaSharp 3.x; ML.NET's image transforms, which every
/// saved model uses, break under SkiaSharp 3.x; so the demo keeps SkiaSharp 2.88 and the plugin brings 3.x with it.
/// Only primitive types cross the boundary.
/// </summary>
internal sealed class DrawingPlugin
{
    private const string AssemblyName = "MlNetResNet.Demo.Drawing";
    private static readonly Lazy<DrawingPlugin> Shared = new(() => new DrawingPlugin());

    private readonly Assembly _assembly;

    private DrawingPlugin()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "drawing", AssemblyName + ".dll");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The drawing plugin '{path}' is missing; rebuild the demo (dotnet build src/Demo).", path);
        _assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
    }

    public static DrawingPlugin Instance => Shared.Value;

    /// <summary>Training curves PNG.</summary>
    public void WriteTrainingCurves(string path, IReadOnlyList<EpochMetrics> history, int bestEpoch, string title) =>
        Method<Action<string, int[], double[], double[], double[], int, string>>("TrainingCurvesChart", "WritePng")(path,
            history.Select(e => e.Epoch).ToArray(), history.Select(e => e.TrainLoss).ToArray(),
            history.Select(e => e.ValidationLoss).ToArray(), history.Select(e => e.ValidationAccuracy).ToArray(), bestEpoch, title);

    /// <summary>Annotated copy of an image (PNG).</summary>
    public void WriteAnnotatedImage(string source, string path, IReadOnlyList<string> classNames, IReadOnlyList<double> probabilities, int predicted) =>
        Method<Action<string, string, string[], double[], int>>("PredictionAnnotator", "WritePng")(source, path,
            classNames.ToArray(), probabilities.ToArray(), predicted);

    /// <summary>Reliability diagram PNG of an evaluation's bins.</summary>
    public void WriteReliabilityDiagram(string path, IReadOnlyList<ReliabilityBin> bins, string title) =>
        Method<Action<string, double[], double[], double[], int[], string>>("ReliabilityDiagramChart", "WritePng")(path,
            bins.Select(b => b.Lower).ToArray(), bins.Select(b => b.Upper).ToArray(), bins.Select(b => b.Accuracy).ToArray(),
            bins.Select(b => b.Count).ToArray(), title);

    /// <summary>A contact sheet PNG: thumbnails in a grid with captions (lines separated by '\n').</summary>
    public void WriteContactSheet(string path, string title, IReadOnlyList<string> imagePaths, IReadOnlyList<string> captions, int columns) =>
        Method<Action<string, string, string[], string[], int>>("ContactSheet", "WritePng")(path, title, imagePaths.ToArray(),
            captions.ToArray(), columns);

    private TDelegate Method<TDelegate>(string type, string method) where TDelegate : Delegate =>
        (_assembly.GetType($"{AssemblyName}.{type}", throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method)).CreateDelegate<TDelegate>();

    private sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext("MlNetResNet.Demo.Drawing")
    {
        private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
            _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }
}
