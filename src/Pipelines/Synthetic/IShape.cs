namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>A shape in its own frame (u along, v across, in pixels): whether a point is inside, and its colour there.</summary>
internal interface IShape
{
    /// <summary>Extent of the shape in its frame: u in [MinU, MaxU], v in [−MaxV, MaxV].</summary>
    (float MinU, float MaxU, float MaxV) Extent { get; }

    bool Covers(float u, float v, out Rgb color, out float alpha);
}
