using MlNetResNet.Serving.Scoring;
using MlNetResNet.Training;

namespace MlNetResNet.Serving.Models;

/// <summary>
/// One loaded version of the model file. Reference-counted: the registry holds one reference while the version is
/// current and every request holds one while it runs, so a replaced version is disposed only after its last request.
/// </summary>
public sealed class ServedModel
{
    private int references = 1;

    public ServedModel(string name, string version, DateTimeOffset fileTime, IImageScorer scorer)
    {
        Name = name;
        Version = version;
        FileTime = fileTime;
        Scorer = scorer;
    }

    /// <summary>Name in the v2 routes.</summary>
    public string Name { get; }

    /// <summary>First 12 hex digits of the file's SHA-256.</summary>
    public string Version { get; }

    /// <summary>Last write time of the file when it was loaded.</summary>
    public DateTimeOffset FileTime { get; }

    /// <summary>The scorer of this version.</summary>
    public IImageScorer Scorer { get; }

    /// <summary>True once the scorer has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref references) == 0;

    /// <summary>Takes a reference unless the version is already released for good.</summary>
    public bool TryAcquire()
    {
        int current = Volatile.Read(ref references);
        while (current > 0)
        {
            int seen = Interlocked.CompareExchange(ref references, current + 1, current);
            if (seen == current) return true;
            current = seen;
        }
        return false;
    }

    /// <summary>Drops a reference; the last one disposes the scorer.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref references) != 0) return;
        Scorer.Dispose();
        // glibc keeps the freed ONNX Runtime session in its heap; without a trim each reload read as +450 MB RSS.
        new NativeHeapTrim().TrimAfterPass();
    }
}
