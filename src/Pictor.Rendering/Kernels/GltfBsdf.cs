using System.Runtime.CompilerServices;
using Pictor.Rendering.Numerics;

namespace Pictor.Rendering.Kernels;

/// <summary>The glTF metallic-roughness BSDF with transmission: Lambert, GGX reflection (metal and dielectric) and
/// GGX refraction, mixed as glTF's reference model mixes them.</summary>
/// <remarks>
/// <para>f = mix(dielectric, metal, metallic); metal = Schlick(baseColor) · GGX; dielectric = F · GGX + (1 − F) ·
/// [(1 − transmission) · Lambert(baseColor) + transmission · baseColor · GGX refraction], with F Schlick's Fresnel
/// of the IOR (total internal reflection gives F = 1).</para>
/// <para>Sampling picks one lobe with probabilities from the material and the incoming angle, draws reflection and
/// refraction half vectors from GGX's visible normals and diffuse directions by cosine, and reports the pdf of the
/// whole mixture, so light sampling and BSDF sampling combine by MIS. α below <see cref="DeltaAlpha"/> is treated as
/// a perfect mirror and perfect refraction. Transmission carries no 1/η² radiance scaling: it cancels for light that
/// leaves the object again, and closed glass then passes a white furnace exactly.</para>
/// <para>Kernel code: no classes, arrays or allocations.</para>
/// </remarks>
public static class GltfBsdf
{
    /// <summary>GGX α below which the microfacet lobes are treated as perfectly specular.</summary>
    public const float DeltaAlpha = 1e-3f;

    private const float InvPi = 0.318309886f;
    private const float Pi = 3.14159265f;

    /// <summary>Fills the sampling probabilities of a shading point whose other fields are set.</summary>
    /// <param name="s">The shading point.</param>
    /// <param name="wo">Unit direction towards the viewer.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Prepare(ref SurfaceShading s, Float3 wo)
    {
        float cosO = MathF.Max(Float3.Dot(s.Normal, wo), 1e-4f);
        float fresnel = s.Specular * DielectricFresnel(cosO, s.EtaOutside, s.EtaInside);
        float dielectric = 1f - s.Metallic;
        float reflect = s.Metallic + (dielectric * fresnel);
        float diffuse = dielectric * (1f - fresnel) * (1f - s.Transmission);
        float transmit = dielectric * (1f - fresnel) * s.Transmission;
        float total = reflect + diffuse + transmit;
        float inv = total > 0f ? 1f / total : 0f;
        s.ProbabilityReflect = reflect * inv;
        s.ProbabilityDiffuse = diffuse * inv;
        s.ProbabilityTransmit = transmit * inv;
    }

    /// <summary>Whether the BSDF has any lobe that light sampling can reach (anything but perfect specular).</summary>
    /// <param name="s">The shading point.</param>
    /// <returns>True when next-event estimation is worth a shadow ray.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasSmoothLobes(in SurfaceShading s) => !s.Delta || s.ProbabilityDiffuse > 0f;

    /// <summary>Evaluates the non-specular part of the BSDF and the mixture's pdf for a pair of directions.</summary>
    /// <param name="s">The shading point.</param>
    /// <param name="wo">Unit direction towards the viewer.</param>
    /// <param name="wi">Unit direction towards the light.</param>
    /// <param name="pdf">Receives the solid-angle pdf with which <see cref="Sample"/> would draw <paramref name="wi"/>.</param>
    /// <returns>The BSDF value (without the cosine).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Float3 Evaluate(in SurfaceShading s, Float3 wo, Float3 wi, out float pdf)
    {
        pdf = 0f;
        float cosO = Float3.Dot(s.Normal, wo);
        float cosI = Float3.Dot(s.Normal, wi);
        float geometricI = Float3.Dot(s.GeometricNormal, wi);
        if (cosO <= 0f)
        {
            return Float3.Zero;
        }

        if (geometricI > 0f)
        {
            if (cosI <= 0f)
            {
                return Float3.Zero;
            }

            var h = Float3.Normalize(wo + wi);
            float cosOH = MathF.Max(Float3.Dot(wo, h), 0f);
            float fresnel = s.Specular * DielectricFresnel(cosOH, s.EtaOutside, s.EtaInside);
            float dielectric = 1f - s.Metallic;

            // The diffuse base takes what the specular layer leaves at the viewing angle (not per half vector, as
            // glTF's sample code does), which keeps the layered sum from exceeding 1 at grazing angles.
            float layer = s.Specular * DielectricFresnel(cosO, s.EtaOutside, s.EtaInside);
            var value = s.BaseColor * (dielectric * (1f - s.Transmission) * (1f - layer) * InvPi);
            pdf = s.ProbabilityDiffuse * cosI * InvPi;
            if (!s.Delta && (s.Metallic > 0f || s.Specular > 0f))
            {
                float cosH = Float3.Dot(s.Normal, h);
                float d = Ggx(cosH, s.Alpha);
                float g1o = SmithG1(cosO, s.Alpha);
                float g = g1o * SmithG1(cosI, s.Alpha);
                var metal = SchlickColor(s.BaseColor, cosOH);
                var f = (metal * s.Metallic) + new Float3(dielectric * fresnel, dielectric * fresnel, dielectric * fresnel);
                value += f * (d * g / (4f * cosO * cosI));
                pdf += s.ProbabilityReflect * g1o * d / (4f * cosO);
            }

            return value;
        }

        if (s.Delta || s.ProbabilityTransmit <= 0f || cosI >= 0f)
        {
            return Float3.Zero;
        }

        // Generalized half vector of a refraction pair, turned to the incoming side.
        var ht = Float3.Normalize((wo * s.EtaOutside) + (wi * s.EtaInside));
        if (Float3.Dot(ht, s.Normal) < 0f)
        {
            ht = -ht;
        }

        float oh = Float3.Dot(wo, ht);
        float ih = Float3.Dot(wi, ht);
        if (oh <= 0f || ih >= 0f)
        {
            return Float3.Zero;
        }

        float denominator = (s.EtaOutside * oh) + (s.EtaInside * ih);
        float jacobian = s.EtaInside * s.EtaInside * -ih / (denominator * denominator);
        float dt = Ggx(Float3.Dot(s.Normal, ht), s.Alpha);
        float g1 = SmithG1(cosO, s.Alpha);
        float gt = g1 * SmithG1(-cosI, s.Alpha);
        float ft = s.Specular * DielectricFresnel(oh, s.EtaOutside, s.EtaInside);
        float scale = (1f - s.Metallic) * s.Transmission * (1f - ft) * dt * gt * oh * jacobian / (cosO * -cosI);
        pdf = s.ProbabilityTransmit * g1 * dt * oh / cosO * jacobian;
        return s.BaseColor * scale;
    }

    /// <summary>Draws a direction from the BSDF.</summary>
    /// <param name="s">The shading point.</param>
    /// <param name="wo">Unit direction towards the viewer.</param>
    /// <param name="state">The path's random state (three draws).</param>
    /// <param name="sample">Receives the sample.</param>
    /// <returns>False when the path is absorbed (the draw fell below the surface).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Sample(in SurfaceShading s, Float3 wo, ref uint state, out BsdfSample sample)
    {
        sample = default;
        float lobe = PcgHash.NextFloat(ref state);
        float u1 = PcgHash.NextFloat(ref state);
        float u2 = PcgHash.NextFloat(ref state);
        float cosO = Float3.Dot(s.Normal, wo);
        if (cosO <= 0f)
        {
            return false;
        }

        Float3 wi;
        if (lobe < s.ProbabilityReflect)
        {
            if (s.Delta)
            {
                wi = (s.Normal * (2f * cosO)) - wo;
                float fresnel = s.Specular * DielectricFresnel(cosO, s.EtaOutside, s.EtaInside);
                var f = (SchlickColor(s.BaseColor, cosO) * s.Metallic) + Float3.One * ((1f - s.Metallic) * fresnel);
                sample.Direction = wi;
                sample.Weight = f * (1f / s.ProbabilityReflect);
                sample.Delta = true;
                return Float3.Dot(wi, s.GeometricNormal) > 0f;
            }

            var h = SampleVisibleNormal(s, wo, u1, u2);
            wi = (h * (2f * Float3.Dot(wo, h))) - wo;

            // A reflection below the surface is not a sample of this technique (Evaluate would price it as
            // transmission): dropping it keeps the mixture pdf exact.
            if (Float3.Dot(wi, s.GeometricNormal) <= 0f)
            {
                return false;
            }
        }
        else if (lobe < s.ProbabilityReflect + s.ProbabilityDiffuse)
        {
            wi = CosineHemisphere(s, u1, u2);
        }
        else
        {
            var h = s.Delta ? s.Normal : SampleVisibleNormal(s, wo, u1, u2);
            if (!Refract(wo, h, s.EtaOutside / s.EtaInside, out wi))
            {
                return false;
            }

            if (s.Delta)
            {
                float fresnel = s.Specular * DielectricFresnel(cosO, s.EtaOutside, s.EtaInside);
                sample.Direction = wi;
                sample.Weight = s.BaseColor * ((1f - s.Metallic) * s.Transmission * (1f - fresnel) / s.ProbabilityTransmit);
                sample.Delta = true;
                sample.Transmitted = true;
                return Float3.Dot(wi, s.GeometricNormal) < 0f;
            }

            if (Float3.Dot(wi, s.GeometricNormal) >= 0f)
            {
                return false;
            }
        }

        var value = Evaluate(s, wo, wi, out float pdf);
        if (!(pdf > 0f))
        {
            return false;
        }

        sample.Direction = wi;
        sample.Pdf = pdf;
        sample.Weight = value * (MathF.Abs(Float3.Dot(s.Normal, wi)) / pdf);
        sample.Transmitted = Float3.Dot(wi, s.GeometricNormal) < 0f;
        return true;
    }

    /// <summary>Schlick's Fresnel for a dielectric, with the cosine taken on the optically thinner side.</summary>
    /// <param name="cosOutside">Cosine on the incoming side.</param>
    /// <param name="etaOutside">IOR on the incoming side.</param>
    /// <param name="etaInside">IOR on the far side.</param>
    /// <returns>Reflectance; 1 under total internal reflection.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DielectricFresnel(float cosOutside, float etaOutside, float etaInside)
    {
        float r = (etaInside - etaOutside) / (etaInside + etaOutside);
        float f0 = r * r;
        float c = cosOutside;
        if (etaOutside > etaInside)
        {
            float ratio = etaOutside / etaInside;
            float sin2 = ratio * ratio * (1f - (cosOutside * cosOutside));
            if (sin2 >= 1f)
            {
                return 1f;
            }

            c = MathF.Sqrt(1f - sin2);
        }

        float m = 1f - c;
        float m2 = m * m;
        return f0 + ((1f - f0) * m2 * m2 * m);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 SchlickColor(Float3 f0, float cos)
    {
        float m = 1f - MathF.Max(cos, 0f);
        float m2 = m * m;
        float w = m2 * m2 * m;
        return f0 + ((Float3.One - f0) * w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Ggx(float cosH, float alpha)
    {
        if (cosH <= 0f)
        {
            return 0f;
        }

        float a2 = alpha * alpha;
        float t = (cosH * cosH * (a2 - 1f)) + 1f;
        return a2 / (Pi * t * t);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SmithG1(float cos, float alpha)
    {
        if (cos <= 0f)
        {
            return 0f;
        }

        float a2 = alpha * alpha;
        return 2f * cos / (cos + MathF.Sqrt(a2 + ((1f - a2) * cos * cos)));
    }

    /// <summary>A GGX normal drawn from the distribution of normals visible from <paramref name="wo"/>.</summary>
    private static Float3 SampleVisibleNormal(in SurfaceShading s, Float3 wo, float u1, float u2)
    {
        // To the local frame (z = normal), stretch by α, sample the projected disk, unstretch.
        float lx = Float3.Dot(wo, s.Tangent), ly = Float3.Dot(wo, s.Bitangent), lz = Float3.Dot(wo, s.Normal);
        var v = Float3.Normalize(new Float3(s.Alpha * lx, s.Alpha * ly, lz));
        float lengthSquared = (v.X * v.X) + (v.Y * v.Y);
        var t1 = lengthSquared > 0f ? new Float3(-v.Y, v.X, 0f) * (1f / MathF.Sqrt(lengthSquared)) : new Float3(1f, 0f, 0f);
        var t2 = Float3.Cross(v, t1);
        float r = MathF.Sqrt(u1);
        float sin = TurnTrig.SinCos(u2, out float cos);
        float p1 = r * cos;
        float p2 = r * sin;
        float blend = 0.5f * (1f + v.Z);
        p2 = ((1f - blend) * MathF.Sqrt(MathF.Max(0f, 1f - (p1 * p1)))) + (blend * p2);
        var n = (t1 * p1) + (t2 * p2) + (v * MathF.Sqrt(MathF.Max(0f, 1f - (p1 * p1) - (p2 * p2))));
        var local = Float3.Normalize(new Float3(s.Alpha * n.X, s.Alpha * n.Y, MathF.Max(1e-6f, n.Z)));
        return Float3.Normalize((s.Tangent * local.X) + (s.Bitangent * local.Y) + (s.Normal * local.Z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Float3 CosineHemisphere(in SurfaceShading s, float u1, float u2)
    {
        float r = MathF.Sqrt(u1);
        float sin = TurnTrig.SinCos(u2, out float cos);
        return Float3.Normalize((s.Tangent * (r * cos)) + (s.Bitangent * (r * sin)) + (s.Normal * MathF.Sqrt(MathF.Max(0f, 1f - u1))));
    }

    /// <summary>Refracts <paramref name="wo"/> (pointing away, on the normal's side) through a microfacet normal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Refract(Float3 wo, Float3 h, float eta, out Float3 wi)
    {
        float cosI = Float3.Dot(wo, h);
        float sin2T = eta * eta * MathF.Max(0f, 1f - (cosI * cosI));
        if (sin2T >= 1f || cosI <= 0f)
        {
            wi = Float3.Zero;
            return false;
        }

        float cosT = MathF.Sqrt(1f - sin2T);
        wi = Float3.Normalize((wo * -eta) + (h * ((eta * cosI) - cosT)));
        return true;
    }
}
