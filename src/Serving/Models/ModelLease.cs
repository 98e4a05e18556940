namespace MlNetResNet.Serving.Models;

/// <summary>A request's hold on one model version; disposing it releases the version.</summary>
public sealed class ModelLease(ServedModel model) : IDisposable
{
    private int released;

    /// <summary>The version this request runs on, start to end.</summary>
    public ServedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) Model.Release();
    }
}
